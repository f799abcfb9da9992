import Foundation
import NeuralEngine
import Testing

/// Writes an exported model with an input batch and facewatch's outputs for it, for `scripts/check-export` to
/// run through onnxruntime (`tools/onnx_export_check.py`). Runs only when FACEWATCH_EXPORT_SAMPLE_DIR names a
/// folder: model.onnx, input.f32 and output.f32 (raw little-endian float32) and shapes.txt (one shape a line,
/// input then output, sizes separated by spaces).
@Suite("onnxruntime sample")
struct OnnxruntimeSampleTests {
    static let folder = ProcessInfo.processInfo.environment["FACEWATCH_EXPORT_SAMPLE_DIR"]

    @Test("writes the sample", .enabled(if: folder != nil))
    func writeSample() throws {
        let folder = try #require(Self.folder)
        var network = try ExportSampleNetwork.trained(seed: 2026)
        var random = SeededGenerator(seed: 7)
        let input = ExportSampleNetwork.randomTensor([5, 3, ExportSampleNetwork.side, ExportSampleNetwork.side], using: &random)
        let output = try network.forward(input, mode: .inference)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ONNXExporter.write(network, side: ExportSampleNetwork.side, to: folder + "/model.onnx")
        try Self.rawFloats(input.values).write(to: URL(fileURLWithPath: folder + "/input.f32"))
        try Self.rawFloats(output.values).write(to: URL(fileURLWithPath: folder + "/output.f32"))
        let shapes = [input.shape, output.shape].map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n")
        try (shapes + "\n").write(toFile: folder + "/shapes.txt", atomically: true, encoding: .utf8)
    }

    static func rawFloats(_ values: [Float]) -> Data {
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
    }
}
