import FacewatchConfig
import Testing

/// Numbers and flags are read from the scalar's text the same way whether quoted or not, in decimal.
struct ScalarValueTests {
    private func workers(_ text: String) -> Int? {
        try? FacewatchConfiguration(yaml: "workers: \(text)\n", source: "t.yaml").workers
    }

    @Test func integersAreDecimal() {
        #expect(workers("12") == 12)
        #expect(workers("010") == 10)
        #expect(workers("+3") == 3)
        #expect(workers("\"7\"") == 7)
        #expect(workers("'1_000'") == 1000)
        #expect(workers("0x10") == nil)
        #expect(workers("0o10") == nil)
        #expect(workers("1:30") == nil)
        #expect(workers("2.0") == nil)
        #expect(workers("1__0") == nil)
        #expect(workers("_1") == nil)
        #expect(workers("١٢") == nil)
        #expect(workers("true") == nil)
    }

    @Test func numbersAreFiniteDecimals() throws {
        func factor(_ text: String) -> Double? {
            try? FacewatchConfiguration(yaml: "detection: {scale_factor: \(text)}\n", source: "t.yaml").detection.scaleFactor
        }
        #expect(factor("0.5") == 0.5)
        #expect(factor(".75") == 0.75)
        #expect(factor("'0.8'") == 0.8)
        #expect(factor("5e-1") == 0.5)
        #expect(factor("0.1") == nil)
        #expect(factor(".nan") == nil)
        #expect(factor("0x0.8p0") == nil)
        #expect(factor("half") == nil)
        #expect(factor("1e-400") == nil)
        let margin = try FacewatchConfiguration(yaml: "recognition: {switch_margin: 0}\n", source: "t.yaml")
        #expect(margin.recognition.switchMargin == 0)
    }

    @Test(arguments: [("true", true), ("True", true), ("yes", true), ("ON", true),
                      ("false", false), ("No", false), ("off", false), ("'false'", false)])
    func flags(text: String, expected: Bool) throws {
        let configuration = try FacewatchConfiguration(yaml: "tracking: {refine: \(text)}\n", source: "t.yaml")
        #expect(configuration.tracking.refine == expected)
    }

    @Test func durationsAreSeconds() throws {
        let yaml = "tracking: {max_lost_seconds: 0.25}\nstreams: [{name: a, url: /a, timeout: 3}]\n"
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml")
        #expect(configuration.tracking.maximumLostTime == .milliseconds(250))
        #expect(configuration.streams.first?.timeout == .seconds(3))
        #expect(throws: ConfigurationError.self) {
            try FacewatchConfiguration(yaml: "streams: [{name: a, url: /a, timeout: 0}]\n", source: "t.yaml")
        }
    }

    @Test func keySuggestions() {
        func suggestion(_ yaml: String) -> String? {
            do {
                _ = try FacewatchConfiguration(yaml: yaml, source: "t.yaml")
            } catch {
                if case .unknownKey(_, _, let suggestion, _) = error { return suggestion }
            }
            return nil
        }
        #expect(suggestion("strems: []\n") == "streams")
        #expect(suggestion("modles: /m\n") == "models")
        #expect(suggestion("Workers: 1\n") == "workers")
        #expect(suggestion("embeder: {kind: dlib}\n") == "embedder")
        #expect(suggestion("tracking: {iou: 0.5}\n") == nil)
        #expect(suggestion("colour: red\n") == nil)
        #expect(suggestion("events: {socket-mode: '0600'}\n") == "socket_mode")
        #expect(suggestion("recognition: {treshold: 0.5}\n") == "threshold")
    }
}
