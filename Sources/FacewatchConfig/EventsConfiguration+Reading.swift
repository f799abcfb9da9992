extension EventsConfiguration {
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(knownKeys: ["log", "socket", "socket_mode", "subscriber_buffer"])
        self.init()
        if let value = mapping.entry("log") { log = try Self.readLog(value) }
        if let value = mapping.entry("socket") { socket = try Self.readSocket(value) }
        if let value = mapping["socket_mode"] {
            let expected = "octal permission bits such as \"0660\" (at most 0777)"
            guard let text = value.scalarText, let bits = ScalarSyntax.permissionBits(text) else {
                throw value.invalid(expected: expected)
            }
            socketMode = bits
        }
        if let value = mapping["subscriber_buffer"] {
            subscriberBuffer = try value.integer(atLeast: Self.minimumSubscriberBuffer)
        }
    }

    /// `-` is standard output; empty or null is no log; anything else a file path.
    private static func readLog(_ value: ConfigurationValue) throws(ConfigurationError) -> EventLogTarget {
        if value.isNull { return .disabled }
        let text = try value.text(expected: "a file path, \"-\" (standard output) or \"\" (no log)")
        if text.isEmpty { return .disabled }
        if text == "-" { return .standardOutput }
        return .file(try value.path())
    }

    /// Empty or null is no socket; a path must fit a Unix socket address once resolved.
    private static func readSocket(_ value: ConfigurationValue) throws(ConfigurationError) -> String? {
        if value.isNull { return nil }
        let expected = "a socket path of at most \(maximumSocketPathLength) bytes, or \"\" (no socket)"
        let text = try value.text(expected: expected)
        if text.isEmpty { return nil }
        let path = try value.path(expected: expected)
        guard path.utf8.count <= maximumSocketPathLength else { throw value.invalid(expected: expected) }
        return path
    }
}
