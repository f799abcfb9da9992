import NeuralEngine
import ONNXFormat
import Testing

@Suite("ONNX export of trained networks")
struct ONNXExporterTests {
    @Test("the imported export reproduces the network's inference forward pass")
    func exportRoundTrip() throws {
        var network = try ExportSampleNetwork.trained(seed: 11)
        var random = SeededGenerator(seed: 99)
        let input = ExportSampleNetwork.randomTensor([3, 3, ExportSampleNetwork.side, ExportSampleNetwork.side], using: &random)
        let expected = try network.forward(input, mode: .inference)

        let exported = try ONNXExporter.model(of: network, side: ExportSampleNetwork.side)
        let decoded = try ONNXModel(serializedBytes: exported.serializedBytes())
        let graph = try ONNXImporter.importModel(decoded, source: "export")
        let actual = try graph.run(input)[0]

        #expect(actual.shape == [3, 8])
        #expect(actual.shape == expected.shape)
        let difference = zip(actual.values, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(difference <= 1e-5)
    }

    @Test("batch normalisation is exported with its running averages, not the initial ones")
    func runningStatisticsAreExported() throws {
        let network = try ExportSampleNetwork.trained(seed: 5)
        let exported = try ONNXExporter.model(of: network, side: ExportSampleNetwork.side)
        let mean = try #require(exported.graph.initializer("1.running_mean")).floatValues()
        let variance = try #require(exported.graph.initializer("1.running_variance")).floatValues()
        let layer = try #require(network.layers[1] as? BatchNormLayer)
        #expect(mean == layer.runningMean)
        #expect(variance == layer.runningVariance)
        #expect(mean.contains { $0 != 0 })
        #expect(variance.contains { $0 != 1 })
    }

    @Test("the model declares a symbolic batch, the input size and the embedding width")
    func declaredShapes() throws {
        let network = try ExportSampleNetwork.trained(seed: 3)
        let exported = try ONNXExporter.model(of: network, side: ExportSampleNetwork.side)
        let side = Int64(ExportSampleNetwork.side)
        #expect(exported.graph.inputs.first?.shape == [.symbol("N"), .value(3), .value(side), .value(side)])
        #expect(exported.graph.outputs.first?.shape == [.symbol("N"), .value(8)])
        #expect(exported.graph.nodes.last?.outputs == ["embedding"])
        #expect(exported.opsetImports == [ONNXOperatorSetID(version: 13)])
        let names = exported.graph.initializers.map(\.name)
        #expect(names.contains("4.body.0.weight"))
        #expect(names.contains("7.shortcut.0.bias"))
        #expect(names.contains("10.weight"))
    }

    @Test("a layer without an ONNX form is refused with its position")
    func unsupportedLayer() throws {
        struct Unexportable: TrainableLayer {
            mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor { input }
            mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor { outputGradient }
        }
        let network = Sequential([FlattenLayer(), Unexportable()])
        #expect(throws: ONNXExportError.self) { try ONNXExporter.model(of: network, side: 2) }
        do {
            _ = try ONNXExporter.model(of: network, side: 2)
        } catch {
            #expect(error.description.contains("layer 1 (Unexportable)"))
        }
    }

    @Test("LpNormalization divides each row by its length and leaves a zero row alone")
    func importedLpNormalization() throws {
        let graph = ONNXGraph(
            nodes: [ONNXNode(opType: "LpNormalization", inputs: ["x"], outputs: ["y"],
                             attributes: [ONNXAttribute(name: "axis", value: .int(1)), ONNXAttribute(name: "p", value: .int(2))])],
            inputs: [ONNXValueInfo(name: "x")], outputs: [ONNXValueInfo(name: "y")])
        let model = ONNXModel(irVersion: 7, opsetImports: [ONNXOperatorSetID(version: 13)], graph: graph)
        let computed = try ONNXImporter.importModel(model, source: "lp").run(Tensor(shape: [2, 2], values: [3, -4, 0, 0]))[0]
        #expect(computed.values == [0.6, -0.8, 0, 0])
    }
}
