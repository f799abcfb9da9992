import FaceEvents
import FaceIdentity
import FaceMedia
import FaceStream
import FaceVision
import Foundation
import Testing

/// How the analyzer bounds a frame's work: at most `embeddingsPerFrame` faces embedded a frame, the tracks with
/// the fewest descriptors first, so that several people appearing at once do not make one frame's analysis
/// several times longer; and on a live stream that has fallen behind, tracks coast and embeddings wait.
@Suite(.enabled(if: StreamFixtures.ready, "needs the ffmpeg command, the models and skimage's astronaut.png"))
struct AnalysisLoadTests {
    /// The astronaut portrait twice side by side: two faces, two tracks from the first frames on.
    static func twoFaces() throws -> RGBImage {
        let photo = try ImageFile.decode(path: StreamFixtures.astronaut)
        var pixels = [UInt8](repeating: 0, count: photo.width * 2 * photo.height * 3)
        let row = photo.width * 3
        for y in 0..<photo.height {
            for copy in 0..<2 {
                pixels.replaceSubrange((y * 2 * row + copy * row)..<(y * 2 * row + copy * row + row), with: photo.pixels[(y * row)..<(y * row + row)])
            }
        }
        return RGBImage(width: photo.width * 2, height: photo.height, pixels: pixels)
    }

    /// Frames analysed one by one: the embeddings each frame added, and the identity events.
    static func analyse(frames: Int, budget: Int, catchingUp: (Int) -> Bool = { _ in false }) throws -> (perFrame: [Int], identities: [Int]) {
        let (perFrame, identities, _) = try analyseCounting(frames: frames, budget: budget, catchingUp: catchingUp)
        return (perFrame, identities)
    }

    /// Also the track refinements each frame made.
    static func analyseCounting(frames: Int, budget: Int, catchingUp: (Int) -> Bool) throws -> (perFrame: [Int], identities: [Int], refinements: [Int]) {
        let fixtures = try StreamFixtures.shared.get()
        let image = try twoFaces()
        let models = RecognitionModels(detector: fixtures.detector, embedder: fixtures.embedder, index: DescriptorIndex(embedder: .dlibResNet))
        var settings = AnalysisSettings()
        settings.detection.minimumFaceSize = 40
        settings.embeddingsPerFrame = budget
        let events = StreamFixtures.Collected()
        let analyzer = try StreamAnalyzer(stream: "two", settings: settings, models: models) { events.add($0) }
        var perFrame = [Int](), refinements = [Int]()
        for index in 0..<frames {
            let before = analyzer.counts.embeddings, refinedBefore = analyzer.counts.refinements
            let frame = VideoFrame(image: image, pts: Double(index) / 25, index: index, sourceWidth: image.width, sourceHeight: image.height)
            try analyzer.analyse(frame, catchingUp: catchingUp(index))
            perFrame.append(analyzer.counts.embeddings - before)
            refinements.append(analyzer.counts.refinements - refinedBefore)
        }
        let identities = events.events.compactMap { if case .identity(let track, _, _, _, _) = $0.kind { track } else { nil } }
        return (perFrame, identities, refinements)
    }

    @Test func oneFaceAFrameTakesTheTracksInTurn() throws {
        // Confirmed at the third frame; five descriptors each make "unknown": ten frames at one a frame.
        let (perFrame, identities) = try Self.analyse(frames: 14, budget: 1)
        #expect(perFrame.allSatisfy { $0 <= 1 })
        #expect(perFrame.reduce(0, +) == 10)
        #expect(Set(identities).count == 2 && identities.count == 2)
    }

    /// A live stream that has fallen behind embeds nothing until it has caught up; the faces then take their turn.
    @Test func tracksCoastWhileCatchingUp() throws {
        // Frames 0 and 5 are full detections; 1…4 refine both tracks, 6…9 catch up, 11 and 12 refine again.
        let (_, _, refinements) = try Self.analyseCounting(frames: 13, budget: 1, catchingUp: { (6...9).contains($0) })
        #expect(refinements[1...4].allSatisfy { $0 == 2 })
        #expect(refinements[6...9].allSatisfy { $0 == 0 })
        #expect(refinements[11...12].allSatisfy { $0 == 2 })
    }

    @Test func catchingUpDefersEmbeddings() throws {
        let (perFrame, identities) = try Self.analyse(frames: 20, budget: 1, catchingUp: { $0 < 8 })
        #expect(perFrame[..<8].allSatisfy { $0 == 0 })
        #expect(perFrame.reduce(0, +) == 10)
        #expect(Set(identities).count == 2)
    }

    @Test func aLargerBudgetEmbedsBothFacesEachFrame() throws {
        let (perFrame, identities) = try Self.analyse(frames: 8, budget: 2)
        #expect(perFrame.contains(2))
        #expect(perFrame.reduce(0, +) == 10)
        #expect(Set(identities).count == 2 && identities.count == 2)
    }
}
