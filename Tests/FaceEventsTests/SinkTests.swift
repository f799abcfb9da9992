import Testing

/// The tests that open descriptors run one at a time, so that counting /proc/self/fd sees only their own.
@Suite(.serialized) struct SinkTests {}
