import FacewatchSupport
extension StreamConfiguration {
    static let knownKeys = [
        "name", "url", "detect_every", "min_face", "detect_width", "realtime", "rtsp_transport", "timeout",
        "reconnect", "queue", "rotate",
    ]
    static let minimumDetectWidth = 32

    /// Reads the `streams` list, refusing a name that an earlier stream already has.
    static func readList(
        _ value: ConfigurationValue, defaultMinFace: Int
    ) throws(ConfigurationError) -> [StreamConfiguration] {
        var streams: [StreamConfiguration] = []
        var firstWithName: [String: ConfigurationValue] = [:]
        for item in try value.list(expected: "a list of streams (each with name and url)") {
            let mapping = try item.mapping(knownKeys: knownKeys)
            let nameValue = try mapping.required("name")
            let stream = try StreamConfiguration(reading: mapping, name: nameValue, defaultMinFace: defaultMinFace)
            if let first = firstWithName[stream.name] {
                throw .duplicateStreamName(
                    nameValue.location, key: nameValue.keyPath, name: stream.name, firstKey: first.keyPath,
                    firstLine: first.location.line)
            }
            firstWithName[stream.name] = nameValue
            streams.append(stream)
        }
        return streams
    }

    private init(
        reading mapping: ConfigurationMapping, name nameValue: ConfigurationValue, defaultMinFace: Int
    ) throws(ConfigurationError) {
        let name = try nameValue.text(expected: "a stream name")
        guard Self.isValidName(name) else {
            throw nameValue.invalid(
                expected: "a name of ASCII letters, digits, '.', '_' and '-' (1 to \(Self.maximumNameLength))")
        }
        self.init(name: name, source: try Self.readSource(mapping.required("url")), minFace: defaultMinFace)
        if let value = mapping["detect_every"] { detectEvery = try value.integer(atLeast: 1) }
        if let value = mapping["min_face"] { minFace = try value.integer(atLeast: 12) }
        if let value = mapping["detect_width"] {
            let expected = "0 (analyse at the decoded size) or a width ≥ \(Self.minimumDetectWidth)"
            let width = try value.integer(0...Int.max, expected: expected)
            guard width == 0 || width >= Self.minimumDetectWidth else { throw value.invalid(expected: expected) }
            detectWidth = width == 0 ? nil : width
        }
        if let value = mapping["realtime"] { realtime = try value.boolean() }
        if let value = mapping["rtsp_transport"] { rtspTransport = try value.choice(RTSPTransport.self) }
        if let value = mapping["timeout"] { timeout = try value.positiveDuration() }
        if let value = mapping["reconnect"] { reconnect = try ReconnectBackoff(reading: value) }
        if let value = mapping["queue"] { queueCapacity = try value.integer(atLeast: 1) }
        if let value = mapping["rotate"] {
            let expected = "0, 90, 180 or 270 (degrees clockwise)"
            rotate = try value.integer(0...270, expected: expected)
            guard rotate % 90 == 0 else { throw value.invalid(expected: expected) }
        }
    }

    private static func readSource(_ value: ConfigurationValue) throws(ConfigurationError) -> StreamSource {
        let expected = "a file path or a URL (" + StreamSource.liveSchemes.sorted().map { "\($0)://" }
            .joined(separator: " ") + ")"
        guard let text = value.scalarText, !text.isEmpty else { throw value.invalid(expected: expected) }
        switch StreamSource.classify(text) {
        case .path(let path):
            guard !path.isEmpty, !path.utf8.contains(0) else { throw value.invalid(expected: expected) }
            return .file(path: value.context.resolve(path))
        case .live(let url):
            return .live(url: url)
        case .unsupportedScheme(let scheme):
            throw .invalidValue(
                value.location, key: value.keyPath, expected: expected + ", not scheme \(scheme)://",
                got: ConfigurationValue.quoted(redactingCredentials(in: text)))
        case .missingAddress:
            throw .invalidValue(
                value.location, key: value.keyPath, expected: "an address after the scheme",
                got: ConfigurationValue.quoted(text))
        }
    }
}

extension ReconnectBackoff {
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(knownKeys: ["initial_delay", "max_delay"])
        self.init()
        let initial = mapping["initial_delay"]
        let maximum = mapping["max_delay"]
        if let initial { initialDelay = try initial.positiveDuration() }
        if let maximum { maximumDelay = try maximum.positiveDuration() }
        guard maximumDelay >= initialDelay else {
            let blamed = maximum ?? initial ?? value
            throw blamed.conflict(
                "max_delay (\(ConfigurationValue.shownSeconds(maximumDelay))) is shorter than initial_delay "
                    + "(\(ConfigurationValue.shownSeconds(initialDelay))); "
                    + "the delay doubles from initial_delay up to max_delay")
        }
    }
}
