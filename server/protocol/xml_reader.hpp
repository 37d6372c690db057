#pragma once
// A small XML reader for the answers of AWS's query and REST-XML APIs (what an upstream emulator sends back to
// Chokepoint's own calls): elements and their text; attributes, comments, processing instructions and the
// prolog are read past. Enough for AWS's documents, not a general XML parser (no DTDs, no entity declarations).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

struct XmlElement {
  std::string name;  // as written, namespace prefix included
  std::string text;  // the element's own character data, entities decoded (whitespace between children dropped)
  std::vector<XmlElement> children;

  // The first child with this name; null when there is none.
  const XmlElement* child(std::string_view child_name) const;
};

// The document's root element; nullopt (and `error` set when given) when the text is not well-formed enough.
std::optional<XmlElement> parse_xml(std::string_view text, std::string* error = nullptr);

// The element's content as JSON, the form Chokepoint's query services write their answers in: an element without
// children is its text; one whose children are all <member> (query) or <item> (EC2) is an array of them; any other
// is an object, a child name that repeats (flattened lists such as SQS's <Attribute>) becoming an array.
nlohmann::json xml_to_json(const XmlElement& element);

}  // namespace chokepoint
