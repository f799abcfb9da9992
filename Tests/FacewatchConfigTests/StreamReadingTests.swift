import FacewatchConfig
import Testing

struct StreamReadingTests {
    @Test func readsEveryStreamKey() throws {
        let yaml = """
            detection: { min_face: 24 }
            streams:
              - name: gate.cam_2
                url: rtsps://192.0.2.7/live
                detect_every: 3
                min_face: 48
                detect_width: 960
                realtime: yes
                rtsp_transport: udp
                timeout: 2.5
                reconnect: { initial_delay: 0.5, max_delay: 8 }
                queue: 2
                rotate: 180
              - name: archive
                url: clips/monday.mkv
            """
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml", relativeTo: "/etc/facewatch")
        var expected = StreamConfiguration(name: "gate.cam_2", source: .live(url: "rtsps://192.0.2.7/live"), minFace: 48)
        expected.detectEvery = 3
        expected.detectWidth = 960
        expected.realtime = true
        expected.rtspTransport = .udp
        expected.timeout = .milliseconds(2500)
        expected.reconnect = ReconnectBackoff(initialDelay: .milliseconds(500), maximumDelay: .seconds(8))
        expected.queueCapacity = 2
        expected.rotate = 180
        #expect(configuration.streams.first == expected)

        let archive = StreamConfiguration(name: "archive", source: .file(path: "/etc/facewatch/clips/monday.mkv"), minFace: 24)
        #expect(configuration.streams.last == archive)
        #expect(configuration.streams.last?.detectWidth == nil)
    }

    @Test(arguments: [
        ("rtsp://cam/1", StreamSource.live(url: "rtsp://cam/1")),
        ("RTSP://cam/1", .live(url: "RTSP://cam/1")),
        ("http://host:8080/video.mjpg", .live(url: "http://host:8080/video.mjpg")),
        ("https://host/index.m3u8", .live(url: "https://host/index.m3u8")),
        ("udp://239.0.0.1:1234", .live(url: "udp://239.0.0.1:1234")),
        ("tcp://192.0.2.1:5000", .live(url: "tcp://192.0.2.1:5000")),
        ("srt://192.0.2.1:9000", .live(url: "srt://192.0.2.1:9000")),
        ("rtmp://192.0.2.1/live/cam", .live(url: "rtmp://192.0.2.1/live/cam")),
        ("/srv/a.mp4", .file(path: "/srv/a.mp4")),
        ("b.mp4", .file(path: "/cfg/b.mp4")),
        ("./c d.mp4", .file(path: "/cfg/c d.mp4")),
        ("../v/e.mp4", .file(path: "/cfg/../v/e.mp4")),
        ("file:///srv/f.mp4", .file(path: "/srv/f.mp4")),
        ("weird:name.mp4", .file(path: "/cfg/weird:name.mp4")),
    ])
    func classifiesURLs(url: String, expected: StreamSource) throws {
        let yaml = "streams:\n  - name: s\n    url: '\(url)'\n"
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml", relativeTo: "/cfg")
        #expect(configuration.streams.first?.source == expected)
        #expect(configuration.streams.first?.source.isLive == (url.contains("://") && !url.hasPrefix("file")))
    }

    @Test func relativePathsStayRelativeWithoutABaseDirectory() throws {
        let yaml = "models: m\ngallery: ./g.sqlite\nstreams: [{name: s, url: v.mp4}]\n"
        let configuration = try FacewatchConfiguration(yaml: yaml, source: "t.yaml")
        #expect(configuration.modelsDirectory == "m")
        #expect(configuration.galleryPath == "./g.sqlite")
        #expect(configuration.streams.first?.source == .file(path: "v.mp4"))
    }

    @Test func passwordsAreRedacted() {
        #expect(StreamSource.live(url: "rtsp://admin:hunter2@192.0.2.5/s").redacted == "rtsp://admin:***@192.0.2.5/s")
        #expect(StreamSource.live(url: "rtsp://admin:p@ss@192.0.2.5/s").redacted == "rtsp://admin:***@192.0.2.5/s")
        #expect(StreamSource.live(url: "rtsp://admin@192.0.2.5/s").redacted == "rtsp://admin@192.0.2.5/s")
        #expect(StreamSource.live(url: "http://host/a?u=x:y@z").redacted == "http://host/a?u=x:y@z")
        #expect(StreamSource.file(path: "/a:b@c").redacted == "/a:b@c")
    }

    @Test func streamNames() {
        for name in ["a", "front-door", "cam_2.main", "A9", String(repeating: "x", count: 64)] {
            #expect(StreamConfiguration.isValidName(name), "\(name)")
        }
        for name in ["", "front door", "caméra", "a/b", "x\n", String(repeating: "x", count: 65)] {
            #expect(!StreamConfiguration.isValidName(name), "\(name)")
        }
    }

    @Test func mergeKeysShareSettingsBetweenStreams() throws {
        let yaml = """
            streams:
              - &camera
                name: one
                url: rtsp://192.0.2.1/s
                detect_every: 2
                queue: 4
              - <<: *camera
                name: two
                url: rtsp://192.0.2.2/s
                queue: 6
            """
        let streams = try FacewatchConfiguration(yaml: yaml, source: "t.yaml").streams
        #expect(streams.map(\.name) == ["one", "two"])
        #expect(streams.map(\.detectEvery) == [2, 2])
        #expect(streams.map(\.queueCapacity) == [4, 6])
        #expect(streams.last?.source == .live(url: "rtsp://192.0.2.2/s"))
    }
}
