import FaceEvents
import Foundation
import Testing

/// The one-line status built from the events: streams starting, up, down or ended; the faces in view and their
/// names; dropped frames.
@Suite struct LiveStatusTests {
    static let box = FaceEvent.Box(x: 1, y: 2, width: 30, height: 40)

    static func event(_ stream: String, _ kind: FaceEvent.Kind) -> FaceEvent {
        FaceEvent(stream: stream, time: Date(timeIntervalSince1970: 0), kind: kind)
    }

    @Test func streamsStartAsConfiguredAndFollowTheirEvents() {
        var status = LiveStatus(streams: ["door", "garage"])
        #expect(status.summary == "door: starting; garage: starting")
        status.record(Self.event("door", .streamUp(url: "rtsp://door", width: 640, height: 360, fps: 25)))
        status.record(Self.event("garage", .streamDown(reason: "connection refused", retryIn: 2)))
        #expect(status.summary == "door: up, no faces; garage: down (connection refused)")
        status.record(Self.event("garage", .streamUp(url: "rtsp://garage", width: 640, height: 360, fps: 25)))
        #expect(status.summary == "door: up, no faces; garage: up, no faces")
    }

    @Test func facesInViewWithTheirNames() {
        var status = LiveStatus(streams: ["door"])
        status.record(Self.event("door", .streamUp(url: "x", width: 640, height: 360, fps: nil)))
        status.record(Self.event("door", .trackStart(track: 2, pts: 0.1, box: Self.box)))
        status.record(Self.event("door", .trackStart(track: 1, pts: 0.1, box: Self.box)))
        #expect(status.summary == "door: up, 2 faces (not yet named, not yet named)")
        status.record(Self.event("door", .identity(track: 2, identity: "alice", distance: 0.4, pts: 0.2, box: Self.box)))
        status.record(Self.event("door", .identity(track: 1, identity: FaceEvent.unknownIdentity, distance: 0.8, pts: 0.2, box: Self.box)))
        #expect(status.summary == "door: up, 2 faces (unknown, alice)")
        status.record(Self.event("door", .trackEnd(track: 1, pts: 1, identity: "unknown", duration: 0.9, frames: 20)))
        #expect(status.summary == "door: up, 1 face (alice)")
        status.record(Self.event("door", .trackEnd(track: 2, pts: 1, identity: "alice", duration: 0.9, frames: 20)))
        #expect(status.summary == "door: up, no faces")
    }

    @Test func manyFacesAreCountedAfterTheFirstNames() {
        var status = LiveStatus(streams: ["hall"])
        status.record(Self.event("hall", .streamUp(url: "x", width: 640, height: 360, fps: nil)))
        for track in 1...6 {
            status.record(Self.event("hall", .trackStart(track: track, pts: 0, box: Self.box)))
            status.record(Self.event("hall", .identity(track: track, identity: "p\(track)", distance: 0.3, pts: 0, box: Self.box)))
        }
        #expect(status.summary == "hall: up, 6 faces (p1, p2, p3, p4 and 2 more)")
    }

    @Test func anOutageClearsTheFacesAndDropsAreShown() {
        var status = LiveStatus(streams: ["door"])
        status.record(Self.event("door", .streamUp(url: "x", width: 640, height: 360, fps: nil)))
        status.record(Self.event("door", .trackStart(track: 1, pts: 0, box: Self.box)))
        status.record(Self.event("door", .framesDropped(count: 5, total: 12, pts: 3)))
        #expect(status.summary == "door: up, 1 face (not yet named), 12 frames dropped")
        status.record(Self.event("door", .streamDown(reason: "timed out after 10 s", retryIn: 1)))
        #expect(status.summary == "door: down (timed out after 10 s)")
        status.record(Self.event("door", .streamUp(url: "x", width: 640, height: 360, fps: nil)))
        #expect(status.summary == "door: up, no faces")
    }

    @Test func aFileReadToItsEndHasEnded() {
        var status = LiveStatus(streams: ["clip"])
        status.record(Self.event("clip", .streamUp(url: "clip.mp4", width: 640, height: 360, fps: 25)))
        status.record(Self.event("clip", .streamDown(reason: FaceEvent.endOfFileReason, retryIn: nil)))
        #expect(status.summary == "clip: ended")
    }

    @Test func aStreamNamedOnlyByAnEventJoinsAtTheEnd() {
        var status = LiveStatus(streams: ["door"])
        status.record(Self.event("side", .streamDown(reason: "no route to host", retryIn: 4)))
        #expect(status.summary == "door: starting; side: down (no route to host)")
    }
}
