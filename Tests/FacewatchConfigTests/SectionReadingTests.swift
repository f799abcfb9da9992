import FacewatchConfig
import Testing

struct SectionReadingTests {
    private func events(_ yaml: String) throws -> EventsConfiguration {
        try FacewatchConfiguration(yaml: "events:\n" + yaml, source: "t.yaml", relativeTo: "/srv/fw").events
    }

    @Test func eventLogTargets() throws {
        #expect(try events("  log: '-'\n").log == .standardOutput)
        #expect(try events("  log: ''\n").log == .disabled)
        #expect(try events("  log:\n").log == .disabled)
        #expect(try events("  log: null\n").log == .disabled)
        #expect(try events("  log: 'null'\n").log == .file("/srv/fw/null"))
        #expect(try events("  log: logs/e.jsonl\n").log == .file("/srv/fw/logs/e.jsonl"))
        #expect(try events("  socket: ''\n").log == EventsConfiguration.defaults.log)
    }

    @Test func eventSocket() throws {
        #expect(try events("  socket: ''\n").socket == nil)
        #expect(try events("  socket: ~\n").socket == nil)
        #expect(try events("  socket: run/e.sock\n").socket == "/srv/fw/run/e.sock")
        let longest = "/" + String(repeating: "s", count: 106)
        #expect(try events("  socket: \(longest)\n").socket == longest)
        let error = #expect(throws: ConfigurationError.self) { try events("  socket: \(longest)x\n") }
        #expect(error?.description.hasPrefix("t.yaml:2:11: events.socket: expected a socket path of at most 107 bytes") == true)
    }

    @Test(arguments: [("'0660'", UInt32(0o660)), ("0660", 0o660), ("660", 0o660), ("'0o600'", 0o600),
                      ("0777", 0o777), ("'0'", 0)])
    func socketModeIsOctal(text: String, expected: UInt32) throws {
        #expect(try events("  socket_mode: \(text)\n").socketMode == expected)
    }

    @Test(arguments: ["'0x1b0'", "0999", "1777", "'rw-rw----'", "''", "-660"])
    func socketModeRefusals(text: String) {
        #expect(throws: ConfigurationError.self) { try events("  socket_mode: \(text)\n") }
    }

    @Test func subscriberBuffer() throws {
        #expect(try events("  subscriber_buffer: 65_536\n").subscriberBuffer == 65536)
        #expect(throws: ConfigurationError.self) { try events("  subscriber_buffer: 4095\n") }
    }

    @Test func onnxEmbedder() throws {
        let yaml = "embedder:\n  kind: onnx\n  file: models/arc.onnx\n"
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml", relativeTo: "/srv/fw")
        #expect(configuration.embedder == .onnx(ONNXEmbedderConfiguration(file: "/srv/fw/models/arc.onnx")))
        #expect(configuration.embedder.kind == .onnx)
        guard case .onnx(let onnx) = configuration.embedder else { return }
        #expect(onnx.inputSize == nil && onnx.template == .arcface)

        let custom = "embedder: {kind: onnx, file: /m/e.onnx, input_size: 150, template: dlib}\n"
        let expected = ONNXEmbedderConfiguration(file: "/m/e.onnx", inputSize: 150, template: .dlib)
        #expect(try FacewatchConfiguration(yaml: custom, source: "t.yaml").embedder == .onnx(expected))

        let error = #expect(throws: ConfigurationError.self) {
            try FacewatchConfiguration(yaml: "embedder: {kind: arcface}\n", source: "t.yaml")
        }
        #expect(error?.description == #"t.yaml:1:18: embedder.kind: expected "dlib" or "onnx", got "arcface""#)
    }

    @Test func mirrorAveraging() throws {
        func mirrorAverage(_ yaml: String) throws -> Bool {
            try FacewatchConfiguration(yaml: yaml, source: "t.yaml", relativeTo: "/srv/fw").mirrorAverage
        }
        #expect(try mirrorAverage("embedder: {kind: dlib, mirror_average: true}\n"))
        #expect(try mirrorAverage("embedder: {kind: onnx, file: e.onnx, mirror_average: yes}\n"))
        #expect(try !mirrorAverage("embedder: {kind: dlib}\n"))
        #expect(try !mirrorAverage("embedder: {mirror_average: false}\n"))
        #expect(try !mirrorAverage("workers: 2\n"))
        #expect(try FacewatchConfiguration(yaml: "embedder: {mirror_average: true}\n", source: "t.yaml").embedder == .dlib)

        let error = #expect(throws: ConfigurationError.self) {
            try FacewatchConfiguration(yaml: "embedder: {mirror_average: twice}\n", source: "t.yaml")
        }
        #expect(error?.description == #"t.yaml:1:28: embedder.mirror_average: expected true or false, got "twice""#)
    }

    @Test func detectionTrackingRecognition() throws {
        let yaml = """
            detection: {min_face: 16, thresholds: [0.5, 0.6, 0.8], scale_factor: 0.8}
            tracking: {iou_threshold: 0.4, confirm_hits: 1, max_lost_seconds: 2, refine: false}
            recognition: {threshold: 0.55, min_embeddings: 1, unknown_after: 1, embed_every: 3, switch_margin: 0.1}
            workers: 6
            models: /opt/models
            gallery: people.sqlite
            """
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml", relativeTo: "/srv/fw")
        var detection = DetectionConfiguration()
        detection.minFace = 16
        detection.thresholds = CascadeThresholds(pnet: 0.5, rnet: 0.6, onet: 0.8)
        detection.scaleFactor = 0.8
        #expect(configuration.detection == detection)
        var tracking = TrackingConfiguration()
        tracking.iouThreshold = 0.4
        tracking.confirmHits = 1
        tracking.maximumLostTime = .seconds(2)
        tracking.refine = false
        #expect(configuration.tracking == tracking)
        var recognition = RecognitionConfiguration()
        recognition.threshold = 0.55
        recognition.minEmbeddings = 1
        recognition.unknownAfter = 1
        recognition.embedEvery = 3
        recognition.switchMargin = 0.1
        #expect(configuration.recognition == recognition)
        #expect(configuration.workers == 6)
        #expect(configuration.modelsDirectory == "/opt/models")
        #expect(configuration.galleryPath == "/srv/fw/people.sqlite")
    }
}
