#pragma once
// MaxResults / NextToken. A token carries an opaque cursor: the position where the next page starts, in an
// order each action defines (launch sequence for instances, catalog position for images).
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

struct Ec2Page {
  size_t limit = std::numeric_limits<size_t>::max();  // items on this page
  uint64_t start = 0;                                 // cursor of the first item
  bool paginated = false;                             // MaxResults or NextToken was given
};

// Reads MaxResults (between `min` and `max`, AWS's wording when outside) and NextToken
// (InvalidPaginationToken when it is not one of ours).
Result<Ec2Page> read_page(const nlohmann::json& params, long long min, long long max);

// The NextToken for a page that ends before `cursor`.
std::string page_token(uint64_t cursor);

// Walks `items` (in cursor order) from the page's start, calls emit(item) for those `keep` accepts until the
// page is full, and returns the NextToken: empty when nothing that matches is left.
template <typename Range, typename CursorOf, typename Keep, typename Emit>
std::string paginate(const Ec2Page& page, Range& items, CursorOf cursor_of, Keep keep, Emit emit) {
  size_t shown = 0;
  for (auto& item : items) {
    const uint64_t cursor = cursor_of(item);
    if (cursor < page.start || !keep(item)) continue;
    if (shown++ == page.limit) return page_token(cursor);
    emit(item);
  }
  return {};
}

}  // namespace chokepoint
