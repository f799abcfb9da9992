import FaceMedia
import FaceVision
import Foundation
import NeuralEngine
import ONNXFormat
import Testing

/// The detector with the real MTCNN weights on real photos from Debian packages.
@Suite struct MTCNNDetectorTests {
    let detector: MTCNNDetector

    init() throws {
        detector = try MTCNNDetector(modelsDirectory: TestEnvironment.modelsDirectory)
    }

    @Test func findsMessisFaceWhereTheReferenceDoes() throws {
        let image = try ImageFile.decode(path: TestEnvironment.messi)
        let faces = try detector.detect(image)
        try #require(faces.count == 1)
        let face = faces[0]
        // The reference MTCNN (onnxruntime, same weights) gives about 227, 93, 28 × 38 and 0.9999.
        #expect(abs(face.box.x - 227) < 2 && abs(face.box.y - 93) < 2)
        #expect(abs(face.box.width - 28) < 2 && abs(face.box.height - 38) < 2)
        #expect(face.score > 0.999)
        try #require(face.landmarks.count == 5)
        let (leftEye, rightEye, nose, leftMouth, rightMouth) = (face.landmarks[0], face.landmarks[1], face.landmarks[2], face.landmarks[3], face.landmarks[4])
        #expect(leftEye.x < rightEye.x && leftMouth.x < rightMouth.x)
        #expect(leftEye.y < nose.y && nose.y < leftMouth.y)
        for p in face.landmarks {
            #expect(p.x > face.box.x && p.x < face.box.x + face.box.width && p.y > face.box.y && p.y < face.box.y + face.box.height)
        }
    }

    @Test func findsTheAstronaut() throws {
        let faces = try detector.detect(try ImageFile.decode(path: TestEnvironment.astronaut))
        try #require(faces.count == 1)
        // Eileen Collins' face sits in the upper middle of the 512×512 portrait.
        let b = faces[0].box
        #expect(b.x > 150 && b.x + b.width < 300 && b.y > 50 && b.y + b.height < 200)
    }

    @Test func blankAndTinyImagesHaveNoFaces() throws {
        #expect(try detector.detect(RGBImage(width: 320, height: 240, fill: (128, 128, 128))).isEmpty)
        #expect(try detector.detect(RGBImage(width: 11, height: 11, fill: (200, 150, 120))).isEmpty)
        #expect(try detector.detect(RGBImage(width: 0, height: 0, pixels: [])).isEmpty)
    }

    @Test func detectionIsTheSameOnEveryThread() async throws {
        let image = try ImageFile.decode(path: TestEnvironment.messi)
        let expected = try detector.detect(image)
        let detector = self.detector
        let results = try await withThrowingTaskGroup(of: [DetectedFace].self) { group in
            for _ in 0..<4 { group.addTask { try detector.detect(image) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}

/// What a person sees when the models are missing or damaged.
struct ModelErrorTests {
    @Test func missingDirectory() {
        let error = #expect(throws: VisionError.self) { try MTCNNDetector(modelsDirectory: "/nonexistent/models") }
        #expect(error?.description.contains("/nonexistent/models") == true)
        #expect(error?.description.contains("scripts/setup") == true)
    }

    @Test func missingAndDamagedFiles() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in MTCNNDetector.modelFiles {
            try FileManager.default.copyItem(atPath: TestEnvironment.modelsDirectory + "/" + file, toPath: directory.appendingPathComponent(file).path)
        }
        let rnet = directory.appendingPathComponent("rnet.onnx")
        let bytes = try Data(contentsOf: rnet)

        try Data(bytes.prefix(1000)).write(to: rnet)
        var error = #expect(throws: VisionError.self) { try MTCNNDetector(modelsDirectory: directory.path) }
        #expect(error?.description.hasPrefix(rnet.path + ":") == true)
        #expect(error?.description.contains("\n") == false)

        var model = try ONNXModel(serializedBytes: [UInt8](bytes))
        let index = try #require(model.graph.nodes.firstIndex { $0.opType == "MaxPool" })
        model.graph.nodes[index].opType = "LocalResponseNormalization"
        try Data(model.serializedBytes()).write(to: rnet)
        error = #expect(throws: VisionError.self) { try MTCNNDetector(modelsDirectory: directory.path) }
        #expect(error?.description.contains(rnet.path) == true)
        #expect(error?.description.contains("LocalResponseNormalization") == true)
        #expect(error?.description.contains(model.graph.nodes[index].name) == true)

        try FileManager.default.removeItem(at: rnet)
        error = #expect(throws: VisionError.self) { try MTCNNDetector(modelsDirectory: directory.path) }
        #expect(error?.description.contains("rnet.onnx") == true)
    }
}
