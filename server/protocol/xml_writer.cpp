#include "protocol/xml_writer.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {
void open_tag(std::string& out, std::string_view name) {
  out.push_back('<');
  out.append(name);
  out.push_back('>');
}
void close_tag(std::string& out, std::string_view name) {
  out.append("</");
  out.append(name);
  out.push_back('>');
}
}  // namespace

void append_xml_members(std::string& out, const nlohmann::json& object, std::string_view list_item_name) {
  for (const auto& [key, child] : object.items()) append_xml_element(out, key, child, list_item_name);
}

void append_xml_element(std::string& out, std::string_view name, const nlohmann::json& value,
                        std::string_view list_item_name) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return;
    case nlohmann::json::value_t::object:
      open_tag(out, name);
      append_xml_members(out, value, list_item_name);
      close_tag(out, name);
      return;
    case nlohmann::json::value_t::array:
      open_tag(out, name);
      for (const auto& item : value) append_xml_element(out, list_item_name, item, list_item_name);
      close_tag(out, name);
      return;
    case nlohmann::json::value_t::string:
      open_tag(out, name);
      out.append(xml_escape(value.get_ref<const std::string&>()));
      close_tag(out, name);
      return;
    case nlohmann::json::value_t::boolean:
      open_tag(out, name);
      out.append(value.get<bool>() ? "true" : "false");
      close_tag(out, name);
      return;
    default:
      open_tag(out, name);
      out.append(value.dump());
      close_tag(out, name);
      return;
  }
}

}  // namespace chokepoint
