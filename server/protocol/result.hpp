#pragma once
// Result<T>: a value or the ApiError that stopped it, for the helpers a handler calls before it has a
// response. Callers check and unwrap in two lines:
//
//   auto name = required_string(params, "StackName");
//   if (!name) return name.error();
//   auto stack = region.find(*name);
//
// Both constructors are implicit, so a helper writes `return value;` and `return make_error(...);`. The value
// and the error live in one std::variant, so a Result costs what the variant did: no allocation, and values
// are forwarded (or moved out with std::move(result).value()) the way the variant's were.
// ApiResult (a response or an error) stays the variant it is; Result is for values on their way to one.
#include <type_traits>
#include <utility>
#include <variant>

#include "protocol/api_types.hpp"

namespace chokepoint {

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_reference_v<T>, "Result holds values; use Result<T*> for a reference");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, ApiError>, "a Result<ApiError> could not tell value from error");
  static_assert(!std::is_convertible_v<ApiError, T> && !std::is_convertible_v<T, ApiError>,
                "a Result's value must not convert to or from ApiError, or the constructors are ambiguous");

 public:
  using value_type = T;

  // The value: anything T can be built from (a T, or e.g. a string literal for Result<std::string>),
  // forwarded into place like std::variant's converting constructor.
  template <class U = T>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, Result> &&
             !std::is_same_v<std::remove_cvref_t<U>, ApiError>)
  Result(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT: implicit by design
  Result(const ApiError& error) : v_(std::in_place_index<1>, error) {}    // NOLINT: implicit by design
  Result(ApiError&& error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition for each: ok() for the value, !ok() for the error (std::bad_variant_access otherwise).
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  ApiError& error() & { return std::get<1>(v_); }
  const ApiError& error() const& { return std::get<1>(v_); }
  ApiError&& error() && { return std::get<1>(std::move(v_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, ApiError> v_;
};

}  // namespace chokepoint
