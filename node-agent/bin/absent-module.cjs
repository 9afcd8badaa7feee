// Stands in for packages the agent never uses, so its bundle does not load
// them: dockerode's SSH transport (ssh2, with native addons) and BuildKit
// session support (gRPC). Requests over ssh:// or BuildKit builds would fail.
module.exports = {};
