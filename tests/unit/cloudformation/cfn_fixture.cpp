#include "cloudformation/cfn_fixture.hpp"

namespace chokepoint::test {

std::string parameters_template(int n, bool chain, const std::string& prefix) {
  std::string out = "Resources:\n";
  for (int i = 0; i < n; ++i) {
    out += "  P" + std::to_string(i) + ":\n    Type: AWS::SSM::Parameter\n";
    if (chain && i > 0) out += "    DependsOn: P" + std::to_string(i - 1) + "\n";
    out += "    Properties:\n      Name: " + prefix + std::to_string(i) + "\n      Type: String\n      Value: v" +
           std::to_string(i) + "\n";
  }
  return out;
}

}  // namespace chokepoint::test
