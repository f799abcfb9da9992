import Testing

/// `facewatch run` end to end, through its real executable: camera outages against a real RTSP server, event
/// subscribers, graceful shutdown and bad input.
///
/// One test at a time: each runs a daemon that analyses video, and several measure timing or count the daemon's
/// threads and descriptors, which a neighbour competing for the CPU would disturb.
@Suite(
    .serialized,
    .enabled(
        if: TestEnvironment.missingPrerequisite == nil,
        "needs the facewatch executable, the models (scripts/setup --deps-only), ffmpeg and python3-skimage"))
struct DaemonTests {}
