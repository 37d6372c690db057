#include <catch2/catch.hpp>

#include "protocol/xml_reader.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {
XmlElement xml_reader_parse(const std::string& text) {
  std::string error;
  auto root = parse_xml(text, &error);
  INFO(error);
  REQUIRE(root);
  return *root;
}
}  // namespace

TEST_CASE("the XML reader reads elements, text and entities, past the prolog and attributes", "[xml_reader]") {
  const XmlElement root = xml_reader_parse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- answer -->\n"
      "<CreateRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
      "  <CreateRoleResult>\n    <Role a='x>y'>\n      <RoleName>r&amp;d &lt;1&gt; &#65;&#x42; caf&#233;</RoleName>\n"
      "      <Path/>\n      <Doc><![CDATA[{\"a\": \"<b>\"}]]></Doc>\n    </Role>\n  </CreateRoleResult>\n"
      "</CreateRoleResponse>\n");
  CHECK(root.name == "CreateRoleResponse");
  CHECK(root.text.empty());
  const XmlElement* role = root.child("CreateRoleResult")->child("Role");
  REQUIRE(role);
  CHECK(role->child("RoleName")->text == "r&d <1> AB caf\xC3\xA9");
  CHECK(role->child("Path")->text.empty());
  CHECK(role->child("Doc")->text == "{\"a\": \"<b>\"}");
  CHECK(role->child("Missing") == nullptr);
}

TEST_CASE("the XML reader refuses what is not well-formed", "[xml_reader]") {
  for (const char* bad :
       {"", "text only", "<a><b></a>", "<a>", "<a></a><b></b>", "<a>&bogus;</a>", "<a x='1></a>", "<a>&#xZZ;</a>"}) {
    std::string error;
    INFO(bad);
    CHECK_FALSE(parse_xml(bad, &error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("XML answers become the JSON tree query services write", "[xml_reader]") {
  const XmlElement root = xml_reader_parse(
      "<R><Tags><member><Key>a</Key><Value>1</Value></member><member><Key>b</Key><Value>2</Value></member></Tags>"
      "<Names><member>x</member></Names><Items><item>i</item></Items><Empty></Empty>"
      "<Attribute><Name>A</Name></Attribute><Attribute><Name>B</Name></Attribute><Attribute><Name>C</Name></Attribute>"
      "<One>1</One></R>");
  CHECK(xml_to_json(root) == json::parse(R"({
    "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
    "Names": ["x"], "Items": ["i"], "Empty": "",
    "Attribute": [{"Name": "A"}, {"Name": "B"}, {"Name": "C"}],
    "One": "1"})"));
}

TEST_CASE("the XML reader stops at nesting deeper than AWS writes", "[xml_reader]") {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  for (int i = 0; i < 100; ++i) deep += "</a>";
  CHECK_FALSE(parse_xml(deep));
}
