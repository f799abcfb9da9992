import FaceIdentity
import FaceVision
import Foundation
import ONNXFormat
import Testing

/// `ONNXFaceEmbedder` on a small ArcFace-shaped model that the tests write as ONNX, checked against a naive
/// reference computed here.
@Suite struct ONNXFaceEmbedderTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-onnx-embedder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ model: ONNXModel, as name: String = "tiny.onnx", in folder: URL? = nil) throws -> String {
        let target = (folder ?? directory).appendingPathComponent(name)
        try Data(model.serializedBytes()).write(to: target)
        return target.path
    }

    /// A textured photo and the landmarks of a face in it: the ArcFace template turned, scaled and shifted.
    static func photo(seed: UInt64) -> (image: RGBImage, face: DetectedFace) {
        var random = SeededRandom(seed: seed)
        var image = RGBImage(width: 220, height: 180)
        let tint = (0..<3).map { _ in Int(random.next(in: 0...100)) }
        let stripes = Int(random.next(in: 2...9))
        for y in 0..<image.height {
            for x in 0..<image.width {
                let noise = Int(random.next(in: 0...40))
                image[x, y] = (UInt8(tint[0] + (x * stripes + y) % 100 + noise), UInt8(tint[1] + (x * y / 7) % 110 + noise),
                               UInt8(tint[2] + (x ^ y) % 110 + noise))
            }
        }
        let placement = SimilarityTransform(scale: 1.3, angle: 0.12, translation: Point2D(x: 40, y: 25))
        let landmarks = FaceTemplate.arcFace112.points.map { placement.apply($0) }
        return (image, DetectedFace(box: Box(x: 40, y: 25, width: 150, height: 150), score: 0.99, landmarks: landmarks))
    }

    /// The reference descriptor; without `normalization`, pixels go to −1…1 as `(v − 127.5) / 127.5`.
    static func reference(_ network: TinyArcFace, _ chip: RGBImage, normalization: PixelNormalization? = nil) -> [Double] {
        var mean = [127.5, 127.5, 127.5], scale = [1 / 127.5, 1 / 127.5, 1 / 127.5]
        if let normalization {
            mean = normalization.mean.map(Double.init)
            scale = normalization.scale.map(Double.init)
        }
        return NaiveArcFaceReference(network: network).descriptor(of: chip.pixels, side: chip.width, mean: mean, scale: scale)
    }

    static func maxAbsDifference(_ a: [Float], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
    }

    static func length(_ v: [Float]) -> Double { v.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }

    @Test func descriptorsMatchTheNaiveReference() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = TinyArcFace(seed: 11)
        let embedder = try ONNXFaceEmbedder(path: try write(network.model()))
        #expect(embedder.descriptorLength == TinyArcFace.descriptorLength)
        #expect(embedder.aligner.template == .arcFace112)
        #expect(embedder.suggestedThreshold == nil)

        let (image, face) = Self.photo(seed: 5)
        let descriptor = try #require(try embedder.descriptors(of: [face], in: image).first)
        let chip = try embedder.aligner.align(image, landmarks: face.landmarks)
        let expected = Self.reference(network, chip)
        #expect(Self.maxAbsDifference(descriptor, expected) <= 1e-4)
        #expect(abs(Self.length(descriptor) - 1) < 1e-5)

        // Another face gives another descriptor, so agreement above is not an accident of the model.
        let (otherImage, otherFace) = Self.photo(seed: 6)
        let otherChip = try embedder.aligner.align(otherImage, landmarks: otherFace.landmarks)
        let otherExpected = Self.reference(network, otherChip)
        #expect(Self.maxAbsDifference(descriptor, otherExpected) > 1e-2)

        let batch = try embedder.descriptors(ofChips: [chip, otherChip, chip])
        #expect(batch.count == 3)
        #expect(Self.maxAbsDifference(batch[0], expected) <= 1e-4)
        #expect(Self.maxAbsDifference(batch[1], otherExpected) <= 1e-4)
        #expect(batch[2] == batch[0])
    }

    @Test func aFixedBatchOfOneIsFedFaceByFace() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = TinyArcFace(seed: 12)
        var variant = TinyArcFace.Variant()
        variant.inputShape = [.value(1), .value(3), .value(112), .value(112)]
        let embedder = try ONNXFaceEmbedder(path: try write(network.model(variant)))
        let chips = try (UInt64(1)...3).map { seed in
            let (image, face) = Self.photo(seed: seed)
            return try embedder.aligner.align(image, landmarks: face.landmarks)
        }
        let descriptors = try embedder.descriptors(ofChips: chips)
        #expect(descriptors.count == 3)
        for (descriptor, chip) in zip(descriptors, chips) {
            #expect(Self.maxAbsDifference(descriptor, Self.reference(network, chip)) <= 1e-4)
        }
    }

    @Test func anOpenInputSizeComesFromTheOptionsAndScalesTheTemplate() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = TinyArcFace(seed: 13)
        var variant = TinyArcFace.Variant()
        variant.inputShape = [.symbol("N"), .value(3), .symbol("H"), .symbol("W")]
        let path = try write(network.model(variant))

        let byDefault = try ONNXFaceEmbedder(path: path)
        #expect(byDefault.aligner.template.width == 112)

        let embedder = try ONNXFaceEmbedder(path: path, options: ONNXEmbedderOptions(inputSize: 64))
        let template = embedder.aligner.template
        #expect(template.width == 64 && template.height == 64)
        for (scaled, original) in zip(template.points, FaceTemplate.arcFace112.points) {
            #expect(abs(scaled.x - original.x * 64 / 112) < 1e-12 && abs(scaled.y - original.y * 64 / 112) < 1e-12)
        }
        #expect(embedder.modelName != byDefault.modelName)

        let (image, face) = Self.photo(seed: 7)
        let chip = try embedder.aligner.align(image, landmarks: face.landmarks)
        #expect(chip.width == 64)
        let descriptor = try embedder.descriptors(ofChips: [chip])[0]
        #expect(Self.maxAbsDifference(descriptor, Self.reference(network, chip)) <= 1e-4)
    }

    @Test func pixelNormalizationIsConfigurableAndNamed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = TinyArcFace(seed: 14)
        let path = try write(network.model())
        let normalization = PixelNormalization(mean: [120, 110, 100], scale: [1 / 60, 1 / 64, 1 / 70])
        let embedder = try ONNXFaceEmbedder(path: path, options: ONNXEmbedderOptions(normalization: normalization))
        let plain = try ONNXFaceEmbedder(path: path)
        #expect(embedder.modelName != plain.modelName)

        let (image, face) = Self.photo(seed: 8)
        let chip = try embedder.aligner.align(image, landmarks: face.landmarks)
        let descriptor = try embedder.descriptors(ofChips: [chip])[0]
        let expected = Self.reference(network, chip, normalization: normalization)
        #expect(Self.maxAbsDifference(descriptor, expected) <= 1e-4)
        #expect(Self.maxAbsDifference(try plain.descriptors(ofChips: [chip])[0], expected) > 1e-3)
    }

    @Test func theModelNameIsTheFileNameAndAHashOfItsBytes() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = TinyArcFace(seed: 15).model().serializedBytes()
        let path = directory.appendingPathComponent("mine.onnx")
        try Data(bytes).write(to: path)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        let expected = "onnx:mine.onnx:" + String(repeating: "0", count: 16 - hex.count) + hex
        #expect(try ONNXFaceEmbedder(path: path.path).modelName == expected)

        let copies = directory.appendingPathComponent("copies")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        try Data(bytes).write(to: copies.appendingPathComponent("mine.onnx"))
        #expect(try ONNXFaceEmbedder(path: copies.appendingPathComponent("mine.onnx").path).modelName == expected)
        let retrained = try write(TinyArcFace(seed: 16).model(), as: "mine.onnx", in: copies)
        #expect(try ONNXFaceEmbedder(path: retrained).modelName != expected)
    }

    @Test func aGalleryRefusesDescriptorsOfAnotherModelFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ONNXFaceEmbedder(path: try write(TinyArcFace(seed: 21).model(), as: "first.onnx"))
        let second = try ONNXFaceEmbedder(path: try write(TinyArcFace(seed: 22).model(), as: "second.onnx"))
        func identity(_ embedder: ONNXFaceEmbedder) -> EmbedderIdentity {
            EmbedderIdentity(name: embedder.modelName, dimension: embedder.descriptorLength, metric: .euclidean)
        }
        let (image, face) = Self.photo(seed: 9)
        let galleryPath = directory.appendingPathComponent("gallery.sqlite").path
        let gallery = try Gallery(path: galleryPath, embedder: identity(first))
        _ = try gallery.enroll("Ada", descriptors: [
            Descriptor(vector: try first.descriptors(of: [face], in: image)[0], sourceImage: "photo.png"),
        ])

        let error = #expect(throws: GalleryError.self) { try Gallery(path: galleryPath, embedder: identity(second)) }
        guard case .embedderMismatch(_, let stamped, let requested)? = error else {
            Issue.record("expected an embedder mismatch, got \(String(describing: error))")
            return
        }
        #expect(stamped == identity(first) && requested == identity(second))
        #expect(try Gallery(path: galleryPath, embedder: identity(first)).loadIndex().count == 1)
    }

    // MARK: Errors

    /// Loads `path` expecting an error, and checks that its description is one line starting with the path.
    func loadError(_ path: String, options: ONNXEmbedderOptions = ONNXEmbedderOptions()) -> ONNXEmbedderError? {
        let error = #expect(throws: ONNXEmbedderError.self) { try ONNXFaceEmbedder(path: path, options: options) }
        #expect(error?.description.hasPrefix(path + ": ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
        return error
    }

    @Test func missingAndTruncatedFilesAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("absent.onnx").path
        #expect(loadError(missing) == .fileMissing(path: missing))

        let bytes = TinyArcFace(seed: 31).model().serializedBytes()
        let truncated = directory.appendingPathComponent("truncated.onnx")
        try Data(bytes.prefix(bytes.count * 2 / 3)).write(to: truncated)
        guard case .malformed? = loadError(truncated.path) else {
            Issue.record("a truncated file should be reported as malformed")
            return
        }
    }

    @Test func anUnsupportedOperatorNamesTheNodeAndTheOperator() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var variant = TinyArcFace.Variant()
        variant.activation = "FancyActivation"
        let error = loadError(try write(TinyArcFace(seed: 32).model(variant)))
        guard case .unsupported? = error else {
            Issue.record("expected an unsupported-model error, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("'stem_prelu'") == true)
        #expect(error?.description.contains("FancyActivation") == true)
    }

    @Test func inputsThatAreNotRGBSquareChipsAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = TinyArcFace(seed: 33)
        let shapes: [(String, [ONNXDimension])] = [
            ("rank3.onnx", [.symbol("N"), .value(112), .value(112)]),
            ("grey.onnx", [.symbol("N"), .value(1), .value(112), .value(112)]),
            ("oblong.onnx", [.symbol("N"), .value(3), .value(112), .value(96)]),
            ("channels-last.onnx", [.symbol("N"), .symbol("H"), .symbol("W"), .value(3)]),
        ]
        for (name, shape) in shapes {
            var variant = TinyArcFace.Variant()
            variant.inputShape = shape
            let error = loadError(try write(network.model(variant), as: name))
            guard case .inputShape(_, let input, _, _)? = error else {
                Issue.record("\(name): expected an input-shape error, got \(String(describing: error))")
                continue
            }
            #expect(input == "image")
        }

        let fixed = try write(network.model(), as: "fixed.onnx")
        guard case .inputShape? = loadError(fixed, options: ONNXEmbedderOptions(inputSize: 128)) else {
            Issue.record("a size that contradicts the model's should be refused")
            return
        }

        var bytesIn = TinyArcFace.Variant()
        bytesIn.inputType = .uint8
        let typed = try write(network.model(bytesIn), as: "bytes.onnx")
        #expect(loadError(typed) == .inputType(path: typed, input: "image", type: "UINT8"))
    }

    @Test func anOutputThatIsNotOneDescriptorPerFaceIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var variant = TinyArcFace.Variant()
        variant.stopsAtPooling = true
        let path = try write(TinyArcFace(seed: 34).model(variant))
        let error = loadError(path)
        #expect(error == .outputShape(path: path, output: "pooled", shape: "[1, 16, 1, 1]"))
    }

    @Test func chipsOfAnotherSizeAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let embedder = try ONNXFaceEmbedder(path: try write(TinyArcFace(seed: 35).model()))
        let error = #expect(throws: VisionError.self) { try embedder.descriptors(ofChips: [RGBImage(width: 150, height: 150)]) }
        #expect(error?.description.contains("112×112") == true)
    }
}
