import FacewatchConfig
import Testing

/// Every refusal is one line naming the file, line, column, key path and cause.
struct ErrorMessageTests {
    private func message(_ yaml: String, source: String = "facewatch.yaml") -> String? {
        do {
            _ = try FacewatchConfiguration(yaml: yaml, source: source, relativeTo: "/etc/facewatch")
            return nil
        } catch {
            #expect(!error.description.contains("\n"))
            return error.description
        }
    }

    @Test func wrongTypeNamesTheKeyPathAndPosition() {
        let yaml = """
            streams:
              - name: a
                url: /v/a.mp4
              - name: b
                url: /v/b.mp4
                detect_every: five
            """
        #expect(message(yaml) == #"facewatch.yaml:6:19: streams[1].detect_every: expected an integer ≥ 1, got "five""#)
    }

    /// A stream's turn is a whole number of quarter turns clockwise.
    @Test(arguments: ["45", "360", "-90", "upside-down"])
    func rotateTakesQuarterTurns(value: String) {
        let yaml = "streams:\n  - name: a\n    url: /v/a.mp4\n    rotate: \(value)\n"
        #expect(message(yaml) == "facewatch.yaml:4:13: streams[0].rotate: expected 0, 90, 180 or 270 (degrees clockwise), got \"\(value)\"")
    }

    @Test func unknownKeySuggestsTheNearestKnownOne() {
        #expect(message("workers: 2\ndetction:\n  min_face: 30\n") == """
            facewatch.yaml:2:1: detction: unknown key (did you mean "detection"? known keys: models, gallery, \
            workers, streams, detection, tracking, recognition, embedder, events)
            """)
        #expect(message("tracking:\n  confirm-hits: 2\n")?.hasPrefix(
            #"facewatch.yaml:2:3: tracking.confirm-hits: unknown key (did you mean "confirm_hits"?"#) == true)
        #expect(message("events: {colour: red}\n") == """
            facewatch.yaml:1:10: events.colour: unknown key (known keys: log, socket, socket_mode, subscriber_buffer)
            """)
    }

    @Test func syntaxErrorsAreOneLineWithThePosition() throws {
        let text = try #require(message("detection:\n  min_face: 20\n thresholds: [0.6\n", source: "/etc/f.yaml"))
        #expect(text.hasPrefix("/etc/f.yaml:3:"))
        #expect(text.contains("YAML syntax error"))

        let tab = try #require(message("workers: 1\n\tmodels: x\n"))
        #expect(tab.hasPrefix("facewatch.yaml:2:1: YAML syntax error: "))

        #expect(message("workers: 1\n---\nworkers: 2\n")
            == "facewatch.yaml:2:1: YAML syntax error: a second YAML document; the configuration is one document")
    }

    @Test func duplicates() {
        #expect(message("workers: 1\nmodels: /m\nworkers: 2\n")
            == "facewatch.yaml:1:1: workers: key appears more than once")
        let yaml = """
            streams:
              - name: door
                url: /v/1.mp4
              - name: hall
                url: /v/2.mp4
              - url: /v/3.mp4
                name: door
            """
        #expect(message(yaml) == """
            facewatch.yaml:7:11: streams[2].name: stream name "door" is already used by streams[0].name (line 2); \
            stream names must be unique
            """)
    }

    @Test func missingRequiredKeysPointAtTheirMapping() {
        #expect(message("streams:\n  - url: /v/a.mp4\n") == "facewatch.yaml:2:5: streams[0].name: required key is missing")
        #expect(message("streams:\n  - name: a\n") == "facewatch.yaml:2:5: streams[0].url: required key is missing")
        #expect(message("embedder:\n  kind: onnx\n") == "facewatch.yaml:2:3: embedder.file: required key is missing")
        #expect(message("streams:\n  - name: a\n    url:\n") == "facewatch.yaml:2:5: streams[0].url: required key is missing")
    }

    @Test func valuesOutOfRange() {
        #expect(message("detection:\n  thresholds: [0.6, 1.0, 0.7]\n")
            == #"facewatch.yaml:2:21: detection.thresholds[1]: expected a number in (0, 1), got "1.0""#)
        #expect(message("detection:\n  thresholds: [0.6, 0.7]\n")
            == "facewatch.yaml:2:15: detection.thresholds: expected a list of 3 numbers (P-Net, R-Net, O-Net), got a list of 2 items")
        #expect(message("detection: {scale_factor: 1}\n")
            == #"facewatch.yaml:1:27: detection.scale_factor: expected a number in (0.1, 1), got "1""#)
        #expect(message("detection: {min_face: 11}\n")
            == #"facewatch.yaml:1:23: detection.min_face: expected an integer ≥ 12, got "11""#)
        #expect(message("workers: -1\n")
            == #"facewatch.yaml:1:10: workers: expected an integer from 0 (one per CPU core) to 1024, got "-1""#)
        #expect(message("tracking: {refine: maybe}\n")
            == #"facewatch.yaml:1:20: tracking.refine: expected true or false, got "maybe""#)
        #expect(message("tracking: {max_lost_seconds: .inf}\n")
            == #"facewatch.yaml:1:30: tracking.max_lost_seconds: expected a number of seconds > 0, got ".inf""#)
        #expect(message("streams: [{name: a, url: rtsp://h/s, rtsp_transport: http}]\n")
            == #"facewatch.yaml:1:54: streams[0].rtsp_transport: expected "tcp" or "udp", got "http""#)
        #expect(message("streams: [{name: a, url: /a, detect_width: 16}]\n")
            == #"facewatch.yaml:1:44: streams[0].detect_width: expected 0 (analyse at the decoded size) or a width ≥ 32, got "16""#)
        #expect(message("models: ''\n") == #"facewatch.yaml:1:9: models: expected a directory path, got """#)
        #expect(message("gallery: [a, b]\n") == "facewatch.yaml:1:10: gallery: expected a file path, got a list of 2 items")
        #expect(message("detection: 5\n")
            == #"facewatch.yaml:1:12: detection: expected a mapping with keys min_face, thresholds, scale_factor, got "5""#)
        #expect(message("- a\n- b\n")?.hasPrefix("facewatch.yaml:1:1: expected a mapping with keys models, gallery,") == true)
    }

    @Test func crossFieldConflicts() {
        #expect(message("streams: [{name: a, url: /a, reconnect: {initial_delay: 10, max_delay: 5}}]\n") == """
            facewatch.yaml:1:72: streams[0].reconnect.max_delay: max_delay (5 s) is shorter than initial_delay \
            (10 s); the delay doubles from initial_delay up to max_delay
            """)
        #expect(message("streams: [{name: a, url: /a, reconnect: {initial_delay: 45}}]\n")?
            .hasPrefix("facewatch.yaml:1:57: streams[0].reconnect.initial_delay: max_delay (30 s) is shorter") == true)
        #expect(message("recognition:\n  min_embeddings: 4\n  unknown_after: 2\n")?
            .hasPrefix("facewatch.yaml:3:18: recognition.unknown_after: unknown_after (2) is less than min_embeddings (4)") == true)
        #expect(message("embedder: {kind: dlib, input_size: 112}\n")
            == "facewatch.yaml:1:36: embedder.input_size: only used when kind is onnx; this embedder's kind is dlib")
    }

    @Test func urlsWithUnsupportedSchemesHideTheirPassword() {
        #expect(message("streams: [{name: a, url: 'ftp://u:pw@h/live'}]\n") == """
            facewatch.yaml:1:26: streams[0].url: expected a file path or a URL (http:// https:// rtmp:// rtsp:// \
            rtsps:// srt:// tcp:// udp://), not scheme ftp://, got "ftp://u:***@h/live"
            """)
        #expect(message("streams: [{name: a, url: 'rtsp://'}]\n")
            == #"facewatch.yaml:1:26: streams[0].url: expected an address after the scheme, got "rtsp://""#)
    }

    @Test func badStreamNames() {
        #expect(message("streams: [{name: 'front door', url: /a}]\n") == """
            facewatch.yaml:1:18: streams[0].name: expected a name of ASCII letters, digits, '.', '_' and '-' \
            (1 to 64), got "front door"
            """)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(message("models: \"/a\\nb\\u0007\"\nworkers: x\n")
            == #"facewatch.yaml:2:10: workers: expected an integer from 0 (one per CPU core) to 1024, got "x""#)
        #expect(message("tracking: {refine: \"ye\\ns\"}\n")
            == #"facewatch.yaml:1:20: tracking.refine: expected true or false, got "ye\ns""#)
    }

    @Test func longValuesAreShortened() throws {
        let text = try #require(message("workers: \(String(repeating: "9", count: 100))\n"))
        #expect(text.hasSuffix("got \"\(String(repeating: "9", count: 60))…\""))
    }
}
