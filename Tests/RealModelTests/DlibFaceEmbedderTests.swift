import FaceMedia
import FaceVision
import Foundation
import Testing

/// The dlib ResNet on facewatch's engine, with the real weights, on photos from Debian packages.
@Suite struct DlibFaceEmbedderTests {
    let detector: MTCNNDetector
    let embedder: DlibFaceEmbedder

    init() throws {
        detector = try MTCNNDetector(modelsDirectory: TestEnvironment.modelsDirectory)
        embedder = try DlibFaceEmbedder(modelsDirectory: TestEnvironment.modelsDirectory)
    }

    func descriptor(of image: RGBImage) throws -> [Float] {
        let faces = try detector.detect(image)
        try #require(faces.count == 1)
        return try #require(try embedder.descriptors(of: faces, in: image).first)
    }

    @Test func samePersonIsNearAndOthersAreFar() throws {
        let astronaut = try ImageFile.decode(path: TestEnvironment.astronaut)
        let smaller = AreaResampling.resize(astronaut, width: 400, height: 400)
        var mirrored = astronaut
        for y in 0..<astronaut.height {
            for x in 0..<astronaut.width { mirrored[x, y] = astronaut[astronaut.width - 1 - x, y] }
        }
        let messi = try ImageFile.decode(path: TestEnvironment.messi)

        let a = try descriptor(of: astronaut)
        #expect(a.count == 128)
        let length = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(length > 0.5 && length < 2.5, "descriptor length \(length)")
        #expect(descriptorDistance(a, try descriptor(of: smaller)) < 0.3)
        #expect(descriptorDistance(a, try descriptor(of: mirrored)) < embedder.samePersonThreshold)
        #expect(descriptorDistance(a, try descriptor(of: messi)) > embedder.samePersonThreshold)
        #expect(embedder.samePersonThreshold == 0.6)
    }

    @Test func batchesGiveTheSameDescriptorsAsSingles() throws {
        let astronaut = try ImageFile.decode(path: TestEnvironment.astronaut)
        let face = try #require(try detector.detect(astronaut).first)
        let chip = try embedder.aligner.align(astronaut, landmarks: face.landmarks)
        let single = try embedder.descriptors(ofChips: [chip])[0]
        let batch = try embedder.descriptors(ofChips: [chip, RGBImage(width: 150, height: 150, fill: (90, 80, 70)), chip])
        #expect(batch.count == 3)
        #expect(zip(single, batch[2]).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(descriptorDistance(batch[0], batch[1]) > 0.1)
    }

    @Test func wrongChipSizeAndMissingModelAreClearErrors() throws {
        #expect(throws: VisionError.self) { try embedder.descriptors(ofChips: [RGBImage(width: 112, height: 112)]) }
        let error = #expect(throws: VisionError.self) { try DlibFaceEmbedder(modelsDirectory: "/nonexistent") }
        #expect(error?.description.contains("dlib_face_recognition_resnet_model_v1.dat") == true)
    }

    @Test func damagedModelNamesTheFile() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(DlibFaceEmbedder.modelFile)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestEnvironment.modelsDirectory + "/" + DlibFaceEmbedder.modelFile))
        try bytes.prefix(bytes.count / 3).write(to: path)
        let error = #expect(throws: VisionError.self) { try DlibFaceEmbedder(path: path.path) }
        #expect(error?.description.hasPrefix(path.path + ":") == true)
        #expect(error?.description.contains("\n") == false)
    }
}
