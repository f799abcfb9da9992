import FacewatchConfig
import Testing

struct DefaultsTests {
    @Test(arguments: ["", "\n\n", "# only a comment\n   # another\n", "---\n", "~\n", "---\n# nothing\n...\n"])
    func emptyDocumentsGiveTheDefaults(yaml: String) throws {
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "empty.yaml")
        #expect(configuration == FacewatchConfiguration.defaults)
        #expect(configuration.streams.isEmpty)
    }

    @Test func defaultsAreTheDocumentedValues() {
        let defaults = FacewatchConfiguration.defaults
        #expect(defaults.modelsDirectory == "/var/lib/facewatch/models")
        #expect(defaults.galleryPath == "/var/lib/facewatch/gallery.sqlite")
        #expect(defaults.workers == 0)
        #expect(defaults.detection.minFace == 20)
        #expect(defaults.detection.thresholds == CascadeThresholds(pnet: 0.6, rnet: 0.7, onet: 0.7))
        #expect(defaults.detection.scaleFactor == 0.709)
        #expect(defaults.tracking.iouThreshold == 0.3)
        #expect(defaults.tracking.confirmHits == 3)
        #expect(defaults.tracking.maximumLostTime == .seconds(1))
        #expect(defaults.tracking.refine)
        #expect(defaults.recognition.threshold == 0.6)
        #expect(defaults.recognition.minEmbeddings == 3)
        #expect(defaults.recognition.unknownAfter == 5)
        #expect(defaults.recognition.embedEvery == 25)
        #expect(defaults.recognition.switchMargin == 0.05)
        #expect(defaults.embedder == .dlib)
        #expect(defaults.mirrorAverage == false)
        #expect(defaults.events.log == .file("/var/log/facewatch/events.jsonl"))
        #expect(defaults.events.socket == "/run/facewatch/events.sock")
        #expect(defaults.events.socketMode == 0o660)
        #expect(defaults.events.subscriberBuffer == 1 << 20)
    }

    @Test func sectionsWithoutValuesKeepTheirDefaults() throws {
        let yaml = "detection:\ntracking: ~\nrecognition: {}\nevents:\nstreams:\nworkers:\n"
        #expect(try FacewatchConfiguration(yaml: yaml, source: "t.yaml") == FacewatchConfiguration.defaults)
    }

    @Test func runNeedsAStreamButParsingDoesNot() throws {
        let empty = try FacewatchConfiguration(yaml: "workers: 2\n", source: "/etc/facewatch/facewatch.yaml")
        let error = #expect(throws: ConfigurationError.self) {
            try empty.validateForRun(source: "/etc/facewatch/facewatch.yaml")
        }
        #expect(error == .noStreams(source: "/etc/facewatch/facewatch.yaml"))
        #expect(error?.description.hasPrefix("/etc/facewatch/facewatch.yaml: streams: no streams configured") == true)

        let one = try FacewatchConfiguration(yaml: "streams: [{name: a, url: /v/a.mp4}]\n", source: "t.yaml")
        try one.validateForRun(source: "t.yaml")
    }
}
