#include "protocol/xml_reader.hpp"

#include <cstdint>
#include <set>

namespace chokepoint {

namespace {

// One pass over the text; `pos_` only moves forward. Recursion depth follows element nesting, which AWS keeps
// shallow; a limit still guards against a hostile upstream.
class XmlCursor {
 public:
  explicit XmlCursor(std::string_view text) : text_(text) {}

  std::optional<XmlElement> document(std::string& error) {
    skip_misc();
    if (!at('<')) return fail(error, "no root element");
    auto root = element(error, 0);
    if (!root) return std::nullopt;
    skip_misc();
    if (pos_ != text_.size()) return fail(error, "text after the root element");
    return root;
  }

 private:
  static constexpr int kMaxDepth = 64;

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool at(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  static std::optional<XmlElement> fail(std::string& error, std::string what) {
    error = std::move(what);
    return std::nullopt;
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  // Skips past `end`; false when the text ends first.
  bool skip_past(std::string_view end) {
    const size_t found = text_.find(end, pos_);
    if (found == std::string_view::npos) return false;
    pos_ = found + end.size();
    return true;
  }
  // Whitespace, comments, processing instructions and a doctype between elements.
  void skip_misc() {
    for (;;) {
      skip_space();
      if (at("<?")) {
        if (!skip_past("?>")) return;
      } else if (at("<!--")) {
        if (!skip_past("-->")) return;
      } else if (at("<!") && !at("<![CDATA[")) {
        if (!skip_past(">")) return;
      } else {
        return;
      }
    }
  }

  std::string name() {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '=') break;
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  // Reads past the attributes to the end of the start tag; true when the tag closes itself ("/>").
  std::optional<bool> end_of_start_tag() {
    char quote = 0;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        ++pos_;
        return false;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '>') {
        pos_ += 2;
        return true;
      }
    }
    return std::nullopt;
  }

  std::optional<XmlElement> element(std::string& error, int depth) {
    if (depth > kMaxDepth) return fail(error, "elements nested too deeply");
    ++pos_;  // '<'
    XmlElement e;
    e.name = name();
    if (e.name.empty()) return fail(error, "an element without a name");
    const auto self_closing = end_of_start_tag();
    if (!self_closing) return fail(error, "unterminated start tag <" + e.name + ">");
    if (*self_closing) return e;
    if (!content(e, error, depth)) return std::nullopt;
    return e;
  }

  // Character data and children up to and including the end tag.
  bool content(XmlElement& e, std::string& error, int depth) {
    std::string text;
    while (pos_ < text_.size()) {
      if (at("</")) {
        pos_ += 2;
        const std::string closing = name();
        skip_space();
        if (closing != e.name || !at('>')) {
          error = "<" + e.name + "> closed by </" + closing + ">";
          return false;
        }
        ++pos_;
        // Whitespace around children is layout, not content.
        e.text = e.children.empty() ? std::move(text) : std::string();
        return true;
      }
      if (at("<![CDATA[")) {
        const size_t start = pos_ + 9;
        if (!skip_past("]]>")) break;
        text.append(text_.substr(start, pos_ - 3 - start));
      } else if (at("<!--") || at("<?")) {
        if (!skip_past(at("<!--") ? "-->" : "?>")) break;
      } else if (at('<')) {
        auto child = element(error, depth + 1);
        if (!child) return false;
        e.children.push_back(std::move(*child));
      } else if (at('&')) {
        if (!entity(text)) {
          error = "a bad entity in <" + e.name + ">";
          return false;
        }
      } else {
        text.push_back(text_[pos_++]);
      }
    }
    error = "unterminated element <" + e.name + ">";
    return false;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool entity(std::string& out) {
    const size_t end = text_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) return false;
    const std::string_view ref = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (ref == "lt") return out.push_back('<'), true;
    if (ref == "gt") return out.push_back('>'), true;
    if (ref == "amp") return out.push_back('&'), true;
    if (ref == "quot") return out.push_back('"'), true;
    if (ref == "apos") return out.push_back('\''), true;
    if (ref.size() < 2 || ref[0] != '#') return false;
    const bool hex = ref[1] == 'x' || ref[1] == 'X';
    uint32_t cp = 0;
    for (char c : ref.substr(hex ? 2 : 1)) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
      if (cp > 0x10FFFF) return false;
    }
    append_utf8(out, cp);
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

std::optional<XmlElement> parse_xml(std::string_view text, std::string* error) {
  std::string problem;
  auto root = XmlCursor(text).document(problem);
  if (!root && error) *error = std::move(problem);
  return root;
}

nlohmann::json xml_to_json(const XmlElement& element) {
  if (element.children.empty()) return element.text;
  bool list = true;
  for (const auto& c : element.children) {
    if (c.name != "member" && c.name != "item") list = false;
  }
  if (list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : element.children) out.push_back(xml_to_json(c));
    return out;
  }
  nlohmann::json out = nlohmann::json::object();
  std::set<std::string_view> lists;  // names seen more than once: their values are arrays
  for (const auto& c : element.children) {
    nlohmann::json value = xml_to_json(c);
    auto it = out.find(c.name);
    if (it == out.end()) {
      out[c.name] = std::move(value);
      continue;
    }
    // A repeated name: the first occurrence was taken for a single value; the list starts now.
    if (lists.insert(c.name).second) *it = nlohmann::json::array({std::move(*it)});
    it->push_back(std::move(value));
  }
  return out;
}

}  // namespace chokepoint
