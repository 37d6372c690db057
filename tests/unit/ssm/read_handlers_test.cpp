#include <catch2/catch.hpp>

#include "ssm/ssm_fixture.hpp"

using namespace chokepoint;
using chokepoint::test::SsmFixture;
using json = nlohmann::json;

namespace {

std::vector<std::string> names_of(const json& parameters) {
  std::vector<std::string> out;
  for (const auto& p : parameters) out.push_back(p["Name"].get<std::string>());
  return out;
}

void seed_tree(SsmFixture& f) {
  for (const char* name : {"/app/a", "/app/b", "/app/db/host", "/app/db/port", "/app/db/deep/x", "/other/z", "top"}) {
    f.put(name, std::string("v-") + name);
  }
}

}  // namespace

TEST_CASE("ssm get: missing names, versions and labels", "[ssm]") {
  SsmFixture f;
  f.put("/x", "1");
  const ApiError missing = f.err("GetParameter", {{"Name", "/nope"}});
  CHECK(missing.code == "ParameterNotFound");
  CHECK(missing.message.empty());
  const ApiError version = f.err("GetParameter", {{"Name", "/x:7"}});
  CHECK(version.code == "ParameterVersionNotFound");
  CHECK(version.message == "Systems Manager could not find version 7 of /x. Verify the version and try again.");
  CHECK(f.err("GetParameter", {{"Name", "/x:nolabel"}}).code == "ParameterNotFound");
  CHECK(f.err("GetParameter", {{"Name", "{bad}"}}).code == "ValidationException");
  const json labelled = f.ok("GetParameter", {{"Name", "/x:1"}})["Parameter"];
  CHECK(labelled["Selector"] == ":1");
  CHECK(labelled["Name"] == "/x");
  const json by_arn = f.ok("GetParameter", {{"Name", "arn:aws:ssm:us-east-1:123456789012:parameter/x"}});
  CHECK(by_arn["Parameter"]["Value"] == "1");
  CHECK(f.err("GetParameter", {{"Name", "arn:aws:ssm:us-east-1:999999999999:parameter/x"}}).code ==
        "ParameterNotFound");
}

TEST_CASE("ssm get: GetParameters lists unknown names in InvalidParameters", "[ssm]") {
  SsmFixture f;
  f.put("/a", "1");
  f.put("/b", "2");
  const json out = f.ok("GetParameters", {{"Names", {"/a", "/missing", "/b:1", "/b:9", "/a"}}});
  CHECK(names_of(out["Parameters"]) == std::vector<std::string>{"/a", "/b"});
  CHECK(out["Parameters"][1]["Selector"] == ":1");
  CHECK(out["InvalidParameters"] == json({"/missing", "/b:9"}));
  json eleven = json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back("/n" + std::to_string(i));
  CHECK(f.err("GetParameters", {{"Names", eleven}}).code == "ValidationException");
  CHECK(f.err("GetParameters", {{"Names", json::array()}}).code == "ValidationException");
}

TEST_CASE("ssm get: GetParametersByPath one level, recursive, and across pages", "[ssm]") {
  SsmFixture f;
  seed_tree(f);
  CHECK(names_of(f.ok("GetParametersByPath", {{"Path", "/app"}})["Parameters"]) ==
        std::vector<std::string>{"/app/a", "/app/b"});
  CHECK(names_of(f.ok("GetParametersByPath", {{"Path", "/"}})["Parameters"]) == std::vector<std::string>{"top"});
  std::vector<std::string> all;
  json request = {{"Path", "/app/"}, {"Recursive", true}, {"MaxResults", 2}};
  int pages = 0;
  while (true) {
    const json page = f.ok("GetParametersByPath", request);
    ++pages;
    for (const auto& n : names_of(page["Parameters"])) all.push_back(n);
    if (!page.contains("NextToken")) break;
    request["NextToken"] = page["NextToken"];
  }
  CHECK(pages == 3);
  CHECK(all == std::vector<std::string>{"/app/a", "/app/b", "/app/db/deep/x", "/app/db/host", "/app/db/port"});
  CHECK(f.err("GetParametersByPath", {{"Path", "/app"}, {"NextToken", "bogus"}}).code == "InvalidNextToken");
  CHECK(f.err("GetParametersByPath", {{"Path", "/app"}, {"MaxResults", 11}}).code == "ValidationException");
  CHECK(f.err("GetParametersByPath", {{"Path", "app"}}).code == "ValidationException");
}

TEST_CASE("ssm get: GetParametersByPath filters by type and label", "[ssm]") {
  SsmFixture f;
  f.put("/svc/plain", "p");
  f.put("/svc/secret", "s", {{"Type", "SecureString"}});
  f.put("/svc/plain", "p2", {{"Overwrite", true}});
  f.ok("LabelParameterVersion", {{"Name", "/svc/plain"}, {"ParameterVersion", 1}, {"Labels", {"stable"}}});
  const json secure =
      f.ok("GetParametersByPath", {{"Path", "/svc"},
                                   {"WithDecryption", true},
                                   {"ParameterFilters", {{{"Key", "Type"}, {"Values", {"SecureString"}}}}}});
  REQUIRE(secure["Parameters"].size() == 1);
  CHECK(secure["Parameters"][0]["Value"] == "s");
  const json stable = f.ok("GetParametersByPath",
                           {{"Path", "/svc"}, {"ParameterFilters", {{{"Key", "Label"}, {"Values", {"stable"}}}}}});
  REQUIRE(stable["Parameters"].size() == 1);
  CHECK(stable["Parameters"][0]["Value"] == "p");
  CHECK(stable["Parameters"][0]["Selector"] == ":stable");
  CHECK(f.err("GetParametersByPath", {{"Path", "/svc"}, {"ParameterFilters", {{{"Key", "Name"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilterKey");
}

TEST_CASE("ssm history: versions oldest first with labels, paged", "[ssm]") {
  SsmFixture f;
  for (int i = 1; i <= 5; ++i) f.put("/h", std::string("v") + std::to_string(i), {{"Overwrite", i > 1}});
  const json labelled = f.ok("LabelParameterVersion", {{"Name", "/h"}, {"Labels", {"latest", "9bad", "awsx"}}});
  CHECK(labelled["ParameterVersion"] == 5);
  CHECK(labelled["InvalidLabels"] == json({"9bad", "awsx"}));
  json page = f.ok("GetParameterHistory", {{"Name", "/h"}, {"MaxResults", 3}});
  REQUIRE(page["Parameters"].size() == 3);
  CHECK(page["Parameters"][0]["Version"] == 1);
  CHECK(page["Parameters"][0]["LastModifiedUser"] == "arn:aws:iam::123456789012:root");
  page = f.ok("GetParameterHistory", {{"Name", "/h"}, {"MaxResults", 3}, {"NextToken", page["NextToken"]}});
  REQUIRE(page["Parameters"].size() == 2);
  CHECK(page["Parameters"][1]["Labels"] == json({"latest"}));
  CHECK_FALSE(page.contains("NextToken"));
  CHECK(f.err("GetParameterHistory", {{"Name", "/nope"}}).code == "ParameterNotFound");
}

TEST_CASE("ssm labels: move between versions, ten at most, unlabel", "[ssm]") {
  SsmFixture f;
  f.put("/l", "1");
  f.put("/l", "2", {{"Overwrite", true}});
  f.ok("LabelParameterVersion", {{"Name", "/l"}, {"ParameterVersion", 1}, {"Labels", {"prod"}}});
  f.ok("LabelParameterVersion", {{"Name", "/l"}, {"ParameterVersion", 2}, {"Labels", {"prod"}}});
  CHECK(f.ok("GetParameter", {{"Name", "/l:prod"}})["Parameter"]["Version"] == 2);
  json ten = json::array();
  for (int i = 0; i < 10; ++i) ten.push_back(std::string("l") + std::to_string(i));
  CHECK(f.err("LabelParameterVersion", {{"Name", "/l"}, {"ParameterVersion", 2}, {"Labels", ten}}).code ==
        "ParameterVersionLabelLimitExceeded");
  CHECK(f.err("LabelParameterVersion", {{"Name", "/l"}, {"ParameterVersion", 9}, {"Labels", {"a"}}}).code ==
        "ParameterVersionNotFound");
  CHECK(f.err("LabelParameterVersion", {{"Name", "/none"}, {"Labels", {"a"}}}).code == "ParameterNotFound");
  const json out =
      f.ok("UnlabelParameterVersion", {{"Name", "/l"}, {"ParameterVersion", 2}, {"Labels", {"prod", "x"}}});
  CHECK(out["RemovedLabels"] == json({"prod"}));
  CHECK(out["InvalidLabels"] == json({"x"}));
  CHECK(f.err("UnlabelParameterVersion", {{"Name", "/l"}, {"Labels", {"prod"}}}).code == "ValidationException");
}

TEST_CASE("ssm describe: filters, options and paging", "[ssm]") {
  SsmFixture f;
  seed_tree(f);
  f.put("/app/secret", "s", {{"Type", "SecureString"}, {"Tags", {{{"Key", "team"}, {"Value", "blue"}}}}});
  auto names = [&](json filters) {
    return names_of(f.ok("DescribeParameters", {{"ParameterFilters", filters}, {"MaxResults", 50}})["Parameters"]);
  };
  CHECK(names({{{"Key", "Path"}, {"Values", {"/app/db"}}}}) ==
        std::vector<std::string>{"/app/db/host", "/app/db/port"});
  CHECK(names({{{"Key", "Path"}, {"Option", "Recursive"}, {"Values", {"/app/db"}}}}).size() == 3);
  CHECK(names({{{"Key", "Name"}, {"Option", "BeginsWith"}, {"Values", {"/other"}}}}) ==
        std::vector<std::string>{"/other/z"});
  CHECK(names({{{"Key", "Name"}, {"Values", {"/top"}}}}) == std::vector<std::string>{"top"});
  CHECK(names({{{"Key", "Name"}, {"Option", "Contains"}, {"Values", {"db/p"}}}}) ==
        std::vector<std::string>{"/app/db/port"});
  CHECK(names({{{"Key", "Type"}, {"Values", {"SecureString"}}}}) == std::vector<std::string>{"/app/secret"});
  CHECK(names({{{"Key", "tag:team"}}}) == std::vector<std::string>{"/app/secret"});
  CHECK(names({{{"Key", "Tier"}, {"Values", {"Advanced"}}}}).empty());
  const json legacy = f.ok("DescribeParameters", {{"Filters", {{{"Key", "Name"}, {"Values", {"/app/d"}}}}}});
  CHECK(legacy["Parameters"].size() == 3);
  CHECK(f.err("DescribeParameters", {{"ParameterFilters", {{{"Key", "Label"}, {"Values", {"x"}}}}}}).code ==
        "InvalidFilterKey");
  CHECK(f.err("DescribeParameters", {{"ParameterFilters", {{{"Key", "Bogus"}, {"Values", {"x"}}}}}}).code ==
        "ValidationException");
  CHECK(f.err("DescribeParameters", {{"ParameterFilters", {{{"Key", "Type"}, {"Values", {"Int"}}}}}}).code ==
        "InvalidFilterValue");
  CHECK(f.err("DescribeParameters",
              {{"ParameterFilters", {{{"Key", "Type"}, {"Option", "Contains"}, {"Values", {"String"}}}}}})
            .code == "InvalidFilterOption");
  CHECK(f.err("DescribeParameters", {{"ParameterFilters", {{{"Key", "Name"}}}}}).code == "InvalidFilterValue");
  CHECK(f.err("DescribeParameters", {{"Filters", json::array()}, {"ParameterFilters", json::array()}}).code ==
        "ValidationException");
  // Default page size is 10; 8 parameters fit one page, 3 per page need three.
  CHECK_FALSE(f.ok("DescribeParameters", json::object()).contains("NextToken"));
  json request = {{"MaxResults", 3}};
  std::size_t seen = 0;
  for (int page = 0; page < 5; ++page) {
    const json out = f.ok("DescribeParameters", request);
    seen += out["Parameters"].size();
    if (!out.contains("NextToken")) break;
    request["NextToken"] = out["NextToken"];
  }
  CHECK(seen == 8);
  CHECK(f.ok("DescribeParameters", {{"Shared", true}})["Parameters"].empty());
}

TEST_CASE("ssm delete: one, several, missing", "[ssm]") {
  SsmFixture f;
  f.put("/d1", "1");
  f.put("d2", "2");
  f.ok("DeleteParameter", {{"Name", "/d1"}});
  CHECK(f.err("DeleteParameter", {{"Name", "/d1"}}).code == "ParameterNotFound");
  const json out = f.ok("DeleteParameters", {{"Names", {"/d2", "/d3", "bad name"}}});
  CHECK(out["DeletedParameters"] == json({"/d2"}));
  CHECK(out["InvalidParameters"] == json({"/d3", "bad name"}));
  CHECK(f.ok("DescribeParameters", json::object())["Parameters"].empty());
}

TEST_CASE("ssm tags: add, list, remove, at most 50", "[ssm]") {
  SsmFixture f;
  f.put("/t", "v", {{"Tags", {{{"Key", "a"}, {"Value", "1"}}}}});
  auto tags = [&] {
    return f.ok("ListTagsForResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/t"}})["TagList"];
  };
  CHECK(tags() == json({{{"Key", "a"}, {"Value", "1"}}}));
  f.ok("AddTagsToResource",
       {{"ResourceType", "Parameter"}, {"ResourceId", "t"}, {"Tags", {{{"Key", "b"}, {"Value", "2"}}}}});
  f.ok("RemoveTagsFromResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/t"}, {"TagKeys", {"a", "zz"}}});
  CHECK(tags() == json({{{"Key", "b"}, {"Value", "2"}}}));
  json many = json::array();
  for (int i = 0; i < 50; ++i) many.push_back({{"Key", std::string("k") + std::to_string(i)}, {"Value", "v"}});
  CHECK(f.err("AddTagsToResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/t"}, {"Tags", many}}).code ==
        "TooManyTagsError");
  CHECK(tags().size() == 1);
  CHECK(f.err("ListTagsForResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/none"}}).code ==
        "InvalidResourceId");
  CHECK(f.err("ListTagsForResource", {{"ResourceType", "Bucket"}, {"ResourceId", "/t"}}).code == "ValidationException");
  CHECK(f.err("ListTagsForResource", {{"ResourceType", "Document"}, {"ResourceId", "/t"}}).code == "InvalidResourceId");
  CHECK(f.err("AddTagsToResource",
              {{"ResourceType", "Parameter"}, {"ResourceId", "/t"}, {"Tags", {{{"Key", "bad*key"}, {"Value", "v"}}}}})
            .code == "ValidationException");
}
