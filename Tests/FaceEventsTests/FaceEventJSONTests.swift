import FaceEvents
import FacewatchSupport
import Foundation
import Testing

/// 2026-11-29T04:12:33.120Z (seconds from the epoch computed independently, with Python's calendar.timegm).
private let eventTime = Date(timeIntervalSince1970: 1_795_925_553.120)
private let timestamp = "2026-11-29T04:12:33.120Z"

struct FaceEventJSONTests {
    @Test func identityLineHasTheDocumentedKeysInOrder() {
        let event = FaceEvent(
            stream: "front-door", time: eventTime,
            kind: .identity(
                track: 17, identity: "alice", distance: 0.38 + 1e-9, pts: 12.48 - 1e-7,
                box: .init(x: 412, y: 133, width: 96, height: 118)))
        #expect("\(0.38 + 1e-9)" != "0.38")
        #expect(
            event.jsonLine()
                == #"{"v":1,"type":"identity","stream":"front-door","track":17,"identity":"alice","distance":0.38,"ts":"2026-11-29T04:12:33.120Z","pts":12.48,"box":[412,133,96,118]}"#
        )
        #expect(event.typeName == "identity")
    }

    @Test func everyKindHasItsExactLine() {
        let box = FaceEvent.Box(x: 412.34, y: 133.04, width: 96.46, height: 118)
        let cases: [(FaceEvent.Kind, String)] = [
            (.streamUp(url: "rtsp://admin:s3cret@10.0.0.5:554/stream1", width: 1920, height: 1080, fps: 30000.0 / 1001),
             #"{"v":1,"type":"stream.up","stream":"front-door","url":"rtsp://admin:***@10.0.0.5:554/stream1","width":1920,"height":1080,"fps":29.97,"ts":"\#(timestamp)"}"#),
            (.streamUp(url: "/videos/hall.mp4", width: 640, height: 480, fps: nil),
             #"{"v":1,"type":"stream.up","stream":"front-door","url":"/videos/hall.mp4","width":640,"height":480,"ts":"\#(timestamp)"}"#),
            (.streamDown(reason: "connection refused", retryIn: 2.5),
             #"{"v":1,"type":"stream.down","stream":"front-door","reason":"connection refused","retry_in":2.5,"ts":"\#(timestamp)"}"#),
            (.streamDown(reason: FaceEvent.endOfFileReason, retryIn: nil),
             #"{"v":1,"type":"stream.down","stream":"front-door","reason":"end of file","ts":"\#(timestamp)"}"#),
            (.trackStart(track: 17, pts: 12.48, box: box),
             #"{"v":1,"type":"track.start","stream":"front-door","track":17,"ts":"\#(timestamp)","pts":12.48,"box":[412.3,133,96.5,118]}"#),
            (.identity(track: 3, identity: FaceEvent.unknownIdentity, distance: nil, pts: 0.04, box: box),
             #"{"v":1,"type":"identity","stream":"front-door","track":3,"identity":"unknown","ts":"\#(timestamp)","pts":0.04,"box":[412.3,133,96.5,118]}"#),
            (.trackEnd(track: 17, pts: 15.68, identity: "alice", duration: 3.2, frames: 80),
             #"{"v":1,"type":"track.end","stream":"front-door","track":17,"identity":"alice","duration":3.2,"frames":80,"ts":"\#(timestamp)","pts":15.68}"#),
            (.framesDropped(count: 12, total: 340, pts: 100.5),
             #"{"v":1,"type":"frames.dropped","stream":"front-door","count":12,"total":340,"ts":"\#(timestamp)","pts":100.5}"#),
        ]
        for (kind, expected) in cases {
            let event = FaceEvent(stream: "front-door", time: eventTime, kind: kind)
            #expect(event.jsonLine() == expected)
            let parsed = try? JSONSerialization.jsonObject(with: Data(event.jsonLine().utf8)) as? [String: Any]
            #expect(parsed?["type"] as? String == event.typeName)
        }
        #expect(Set(cases.map { $0.0.typeName }) == Set(FaceEvent.typeNames))
    }

    @Test func stringsAreEscapedPerRFC8259() throws {
        let name = "a\"b\\c\nd\te\u{01}f\u{1F}g\u{08}\u{0C}\rzé名😀\u{7F}"
        let event = FaceEvent(stream: name, time: eventTime, kind: .streamDown(reason: "x", retryIn: nil))
        let line = event.jsonLine()
        #expect(line.contains(#""stream":"a\"b\\c\nd\te\u0001f\u001fg\b\f\rzé名😀"# + "\u{7F}\""))
        #expect(!line.contains("\n"))
        #expect(try FaceEvent(jsonLine: line).stream == name)
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(parsed?["stream"] as? String == name)
    }

    @Test func numbersAreRoundedToTheDocumentedPrecision() throws {
        let event = FaceEvent(
            stream: "s", time: Date(timeIntervalSince1970: 1_795_925_553.1236),
            kind: .identity(
                track: 1, identity: "bob", distance: 0.123456, pts: 1.23456,
                box: .init(x: 10.04, y: -0.04, width: 20.06, height: 1e-9)))
        let line = event.jsonLine()
        #expect(line.contains(#""distance":0.1235,"ts":"2026-11-29T04:12:33.124Z","pts":1.235,"box":[10,0,20.1,0]"#))
        let decoded = try FaceEvent(jsonLine: line)
        guard case .identity(_, _, let distance, let pts, let box) = decoded.kind else {
            Issue.record("decoded \(decoded.kind)")
            return
        }
        #expect(distance == 0.1235)
        #expect(pts == 1.235)
        #expect(box == .init(x: 10, y: 0, width: 20.1, height: 0))
        #expect(decoded.time == Date(timeIntervalSince1970: 1_795_925_553.124))
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() throws {
        let event = FaceEvent(stream: "s", time: eventTime, kind: .streamUp(url: "u", width: 1, height: 1, fps: .nan))
        #expect(event.jsonLine().contains(#""fps":null"#))
        guard case .streamUp(_, _, _, let fps) = try FaceEvent(jsonLine: event.jsonLine()).kind else {
            Issue.record("not stream.up")
            return
        }
        #expect(fps == nil)
    }

    @Test func randomEventsAtWirePrecisionRoundTripExactly() throws {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet = Array("abcXYZ -_é名\"\\\n\t\u{01}😀")
        for _ in 0..<500 {
            let stream = String((0..<random.next(upTo: 12)).map { _ in alphabet[random.next(upTo: alphabet.count)] })
            let time = Date(timeIntervalSince1970: Double(random.next(upTo: 4_000_000_000_000)) / 1000)
            let pts = Double(random.next(upTo: 100_000_000)) / 1000
            let box = FaceEvent.Box(
                x: Double(random.next(upTo: 40_000)) / 10, y: Double(random.next(upTo: 20_000)) / 10,
                width: Double(random.next(upTo: 5_000)) / 10, height: Double(random.next(upTo: 5_000)) / 10)
            let kind: FaceEvent.Kind
            switch random.next(upTo: 6) {
            case 0:
                kind = .streamUp(
                    url: "rtsp://cam\(random.next(upTo: 9))/\(stream)", width: random.next(upTo: 8000),
                    height: random.next(upTo: 8000),
                    fps: random.next(upTo: 2) == 0 ? nil : Double(random.next(upTo: 120_000)) / 1000)
            case 1:
                kind = .streamDown(
                    reason: stream, retryIn: random.next(upTo: 2) == 0 ? nil : Double(random.next(upTo: 60_000)) / 1000)
            case 2:
                kind = .trackStart(track: random.next(upTo: 1 << 40), pts: pts, box: box)
            case 3:
                kind = .identity(
                    track: random.next(upTo: 100_000), identity: stream.isEmpty ? "unknown" : stream,
                    distance: random.next(upTo: 2) == 0 ? nil : Double(random.next(upTo: 20_000)) / 10_000,
                    pts: pts, box: box)
            case 4:
                kind = .trackEnd(
                    track: random.next(upTo: 100_000), pts: pts, identity: stream,
                    duration: Double(random.next(upTo: 10_000_000)) / 1000, frames: random.next(upTo: 1_000_000))
            default:
                kind = .framesDropped(count: random.next(upTo: 1000), total: random.next(upTo: 1 << 32), pts: pts)
            }
            let event = FaceEvent(stream: stream, time: time, kind: kind)
            let line = event.jsonLine()
            #expect(try FaceEvent(jsonLine: line) == event, "\(line)")
            #expect(try FaceEvent(jsonLine: line + "\n").jsonLine() == line)
        }
    }

    @Test func decodingAcceptsAnyKeyOrderAndIgnoresUnknownKeys() throws {
        let line = #"{"box":[1,2,3,4],"pts":0.5,"ts":"2026-11-29T04:12:33Z","future":{"x":[1]},"track":9,"stream":"s","type":"track.start","v":1}"#
        let event = try FaceEvent(jsonLine: line)
        #expect(event.stream == "s")
        #expect(event.time == Date(timeIntervalSince1970: 1_795_925_553))
        #expect(event.kind == .trackStart(track: 9, pts: 0.5, box: .init(x: 1, y: 2, width: 3, height: 4)))
    }

    @Test func decodingErrorsNameTheKey() {
        let valid = #"{"v":1,"type":"identity","stream":"s","track":17,"identity":"a","ts":"2026-11-29T04:12:33.120Z","pts":1,"box":[1,2,3,4]}"#
        #expect((try? FaceEvent(jsonLine: valid)) != nil)
        let cases: [(String, FaceEventDecodingError)] = [
            ("not json", .notAnObject(excerpt: "not json")),
            ("[1,2]", .notAnObject(excerpt: "[1,2]")),
            (valid.replacingOccurrences(of: #""v":1"#, with: #""v":2"#), .unsupportedVersion(found: "2")),
            (valid.replacingOccurrences(of: #""v":1,"#, with: ""), .unsupportedVersion(found: "missing")),
            (valid.replacingOccurrences(of: #""identity","#, with: #""face.seen","#), .unknownType("face.seen")),
            (valid.replacingOccurrences(of: #""track":17,"#, with: ""), .missingKey(type: "identity", key: "track")),
            (valid.replacingOccurrences(of: #""track":17"#, with: #""track":true"#),
             .invalidValue(type: "identity", key: "track", expected: "an integer")),
            (valid.replacingOccurrences(of: #""track":17"#, with: #""track":1.5"#),
             .invalidValue(type: "identity", key: "track", expected: "an integer")),
            (valid.replacingOccurrences(of: #""pts":1"#, with: #""pts":"1""#),
             .invalidValue(type: "identity", key: "pts", expected: "a number")),
            (valid.replacingOccurrences(of: "[1,2,3,4]", with: "[1,2,3]"),
             .invalidValue(type: "identity", key: "box", expected: "an array [x,y,w,h] of 4 numbers")),
            (valid.replacingOccurrences(of: "2026-11-29T04:12:33.120Z", with: "2026-02-30T04:12:33.120Z"),
             .invalidTimestamp(type: "identity", text: "2026-02-30T04:12:33.120Z")),
            (valid.replacingOccurrences(of: "33.120Z", with: "33.120+01:00"),
             .invalidTimestamp(type: "identity", text: "2026-11-29T04:12:33.120+01:00")),
        ]
        for (line, expected) in cases {
            #expect(throws: expected) { try FaceEvent(jsonLine: line) }
        }
        #expect(
            FaceEventDecodingError.missingKey(type: "identity", key: "track").description
                == "event line: key 'track' is missing from a 'identity' event")
        let multiLine = FaceEventDecodingError.notAnObject(excerpt: "a\nb").description
        #expect(!multiLine.contains("\n") && multiLine.contains("a\\nb"))
    }

    @Test func timestampsAreUTCWithRoundedMilliseconds() throws {
        let cases: [(Double, String)] = [
            (1_709_251_199.9996, "2024-03-01T00:00:00.000Z"),
            (1_709_251_199.5, "2024-02-29T23:59:59.500Z"),
            (-0.001, "1969-12-31T23:59:59.999Z"),
            (0, "1970-01-01T00:00:00.000Z"),
        ]
        for (seconds, expected) in cases {
            let event = FaceEvent(
                stream: "s", time: Date(timeIntervalSince1970: seconds), kind: .streamDown(reason: "r", retryIn: nil))
            #expect(event.jsonLine().contains(#""ts":"\#(expected)""#))
        }
    }
}

struct CredentialRedactionTests {
    @Test func passwordsAreReplaced() {
        let cases: [(String, String)] = [
            ("rtsp://user:pass@host", "rtsp://user:***@host"),
            ("rtsp://admin:p@ss:w0rd@10.0.0.5:554/Streaming/101", "rtsp://admin:***@10.0.0.5:554/Streaming/101"),
            ("http://u:@host?next=a@b", "http://u:***@host?next=a@b"),
            ("rtsp://user@host/live", "rtsp://user@host/live"),
            ("rtsp://host:554/live@main", "rtsp://host:554/live@main"),
            ("rtsp://host/x:y@z", "rtsp://host/x:y@z"),
            ("/videos/a:b@c.mp4", "/videos/a:b@c.mp4"),
            ("file:///videos/hall.mp4", "file:///videos/hall.mp4"),
            ("rtsp://名前:秘密@カメラ/ストリーム", "rtsp://名前:***@カメラ/ストリーム"),
        ]
        for (url, expected) in cases {
            #expect(redactingCredentials(in: url) == expected)
            #expect(redactingCredentials(in: expected) == expected)
        }
    }
}

/// A small deterministic generator, so that the random round trip is the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func next(upTo bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
