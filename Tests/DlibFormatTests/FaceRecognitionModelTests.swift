import Foundation
import Testing
import DlibFormat

/// Where the real `dlib_face_recognition_resnet_model_v1.dat` (PyPI `face-recognition-models` 0.3.0) is:
/// `$FACEWATCH_MODELS`, else `<repo>/models`; scripts/install-models puts it there.
enum FaceRecognitionModelFile {
    static let name = "dlib_face_recognition_resnet_model_v1.dat"

    static let path: String? = {
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let environment = ProcessInfo.processInfo.environment["FACEWATCH_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
        return [environment, repositoryRoot + "/models"].compactMap { $0 }.map { "\($0)/\(name)" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }()
}

/// Checks against the real model; expected values come from dlib's `anet_type` (dnn_face_recognition_ex.cpp),
/// /work/shared/MODELS.md, and the file's bytes read with numpy.
@Suite(.enabled(if: FaceRecognitionModelFile.path != nil,
                "dlib_face_recognition_resnet_model_v1.dat not found: run scripts/install-models or set FACEWATCH_MODELS"))
struct FaceRecognitionModelTests {
    static let network: Result<DlibNetwork, DlibFormatError> = Result {
        () throws(DlibFormatError) -> DlibNetwork in try DlibNetwork(contentsOfFile: FaceRecognitionModelFile.path!)
    }

    /// The layers of `anet_type` from the input, one short signature each (see `signature(of:)`).
    static let expectedSignatures: [String] = {
        func residual(_ filters: Int) -> [String] {
            ["tag1", "con\(filters) 3x3/1 pad1", "affine", "relu", "con\(filters) 3x3/1 pad1", "affine", "add tag1", "relu"]
        }
        func residualDown(_ filters: Int) -> [String] {
            ["tag1", "con\(filters) 3x3/2 pad0", "affine", "relu", "con\(filters) 3x3/1 pad1", "affine",
             "tag2", "skip1", "avg 2x2/2 pad0", "add tag2", "relu"]
        }
        var layers = ["con32 7x7/2 pad0", "affine", "relu", "max 3x3/2 pad0"]
        layers += (0..<3).flatMap { _ in residual(32) }
        layers += residualDown(64) + (0..<3).flatMap { _ in residual(64) }
        layers += residualDown(128) + (0..<2).flatMap { _ in residual(128) }
        layers += residualDown(256) + (0..<2).flatMap { _ in residual(256) }
        layers += residualDown(256)
        return layers + ["avg 0x0/1 pad0", "fc128 no bias"]
    }()

    static func signature(of layer: DlibLayer) -> String {
        switch layer {
        case .convolution(let c): "con\(c.filters) \(c.kernelRows)x\(c.kernelColumns)/\(c.strideY) pad\(c.paddingY)"
        case .affine: "affine"
        case .relu: "relu"
        case .maxPool(let p): "max \(p.rows)x\(p.columns)/\(p.strideY) pad\(p.paddingY)"
        case .averagePool(let p): "avg \(p.rows)x\(p.columns)/\(p.strideY) pad\(p.paddingY)"
        case .addPrevious(let tag): "add tag\(tag)"
        case .tag(let id): "tag\(id)"
        case .skip(let tag): "skip\(tag)"
        case .fullyConnected(let fc): "fc\(fc.outputs)\(fc.biases == nil ? " no bias" : "")"
        }
    }

    @Test func layersAreAnetType() throws {
        let network = try Self.network.get()
        #expect(network.layers.map(Self.signature(of:)) == Self.expectedSignatures)
        for case .convolution(let convolution) in network.layers {
            #expect(convolution.strideX == convolution.strideY && convolution.paddingX == convolution.paddingY)
        }
    }

    @Test func layerCountsMatchModelsMD() throws {
        let signatures = try Self.network.get().layers.map(Self.signature(of:))
        func count(_ prefix: String) -> Int { signatures.filter { $0.hasPrefix(prefix) }.count }
        #expect(count("con") == 29)
        #expect(count("affine") == 29)
        #expect(count("relu") == 29)
        #expect(count("max") == 1)
        #expect(count("avg") == 5)
        #expect(count("add") == 14)
        #expect(count("fc") == 1)
    }

    @Test func learnedParameterCount() throws {
        #expect(try Self.network.get().learnedParameterCount == 5_614_592)
    }

    @Test func firstConvolution() throws {
        guard case .convolution(let first) = try Self.network.get().layers.first else {
            Issue.record("the first layer is not a convolution")
            return
        }
        #expect([first.filters, first.inputChannels, first.kernelRows, first.kernelColumns] as [Int] == [32, 3, 7, 7])
        #expect(first.weights.count == 32 * 3 * 7 * 7)
        #expect(first.biases.count == 32)
        #expect(first.weights[0].bitPattern == 0xbcf0_454d)
        #expect(first.biases[0].bitPattern == 0x37a3_f0cc)
        #expect(abs(first.weights.reduce(0) { $0 + Double($1) } - -1.0347640219291634) < 1e-9)
    }

    @Test func firstAffine() throws {
        guard case .affine(let affine) = try Self.network.get().layers[1] else {
            Issue.record("layer 1 is not an affine layer")
            return
        }
        #expect(affine.mode == .perChannel)
        #expect(affine.gamma.count == 32 && affine.beta.count == 32)
        #expect(affine.gamma[0] == 12.166323)
        #expect(affine.beta[0] == 0.46428606)
    }

    /// dlib stores the fc weights as [inputs, outputs]: 256 rows of 128.
    @Test func fullyConnectedIsStoredInputMajor() throws {
        guard case .fullyConnected(let fc) = try Self.network.get().layers.last else {
            Issue.record("the last layer is not fully connected")
            return
        }
        #expect(fc.inputs == 256 && fc.outputs == 128)
        #expect(fc.biases == nil)
        #expect(fc.weights.count == 256 * 128)
        #expect(fc.weights[0].bitPattern == 0xbbdd_0fa0)
        #expect(fc.weights[1] == -0.010189231)
        #expect(fc.weights[128] == -0.0022344294)
        #expect(fc.weightsByOutput[1] == -0.0022344294)
        #expect(abs(fc.weights.reduce(0) { $0 + Double($1) } - -0.10979115059555511) < 1e-9)
    }

    @Test func inputAndLoss() throws {
        let network = try Self.network.get()
        #expect(network.input == DlibRGBInput(meanRed: 122.782, meanGreen: 117.001, meanBlue: 104.298, rows: 150, columns: 150))
        #expect(network.loss == DlibMetricLoss(margin: 0.04, distanceThreshold: 0.6))
    }

    @Test func truncatedModelNamesWhereItEnds() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: FaceRecognitionModelFile.path!)))
        let cut = 1_000_000
        let error = capturedError { try DlibNetwork(bytes: Array(bytes[..<cut]), source: "model.dat") }
        #expect(error?.cause == .truncated)
        #expect(error.map { $0.description.hasPrefix("model.dat: truncated at byte ") } == true)
        #expect(error?.context?.hasSuffix("(con_4)") == true, "\(error?.description ?? "no error")")
    }
}
