#pragma once
// Virtual-hosted S3: the bucket named by the Host header instead of the path's first segment.
//   b.localhost, b.s3.localhost                         (the port is ignored)
//   b.localhost.localstack.cloud, b.s3.localhost.localstack.cloud
//   b.s3.amazonaws.com, b.s3.<region>.amazonaws.com, b.s3-<region>.amazonaws.com
// s3.localhost.localstack.cloud, s3.amazonaws.com and plain localhost are path-style hosts.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

// The bucket a Host header value names, or nullopt for a path-style (or unknown) host.
std::optional<std::string> s3_virtual_host_bucket(std::string_view host);

}  // namespace chokepoint
