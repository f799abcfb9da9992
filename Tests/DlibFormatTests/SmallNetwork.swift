import DlibFormat

/// A small network in the shape of dlib's residual down block, built byte by byte, with the network
/// the reader should make of it. Layers from the input: conv, tag1, affine, relu, tag2, skip1, max pool,
/// add_prev (tag2), global average pool, fc with biases.
enum SmallNetwork {
    static let convolution = DlibConvolution(
        filters: 2, inputChannels: 3, kernelRows: 1, kernelColumns: 1, strideY: 1, strideX: 2,
        paddingY: 0, paddingX: 1, weights: [0.5, -1, 2, 0.25, 3, -0.125], biases: [1.5, -2.5])
    static let affine = DlibAffine(
        mode: .perChannel, shape: DlibTensorShape(samples: 1, channels: 2, rows: 1, columns: 1),
        gamma: [2, 4], beta: [-1, 0.5])
    static let maxPool = DlibPooling(rows: 3, columns: 2, strideY: 2, strideX: 1, paddingY: 1, paddingX: 0)
    static let globalPool = DlibPooling(rows: 0, columns: 0, strideY: 1, strideX: 1, paddingY: 0, paddingX: 0)
    static let fullyConnected = DlibFullyConnected(
        inputs: 2, outputs: 3, weights: [1, 2, 3, 4, 5, 6], biases: [0.1, 0.2, 0.3])

    static let expected = DlibNetwork(
        input: DlibRGBInput(meanRed: 122.5, meanGreen: 117, meanBlue: 104.25, rows: 6, columns: 5),
        layers: [.convolution(convolution), .tag(1), .affine(affine), .relu, .tag(2), .skip(tag: 1),
                 .maxPool(maxPool), .addPrevious(tag: 2), .averagePool(globalPool), .fullyConnected(fullyConnected)],
        loss: DlibMetricLoss(margin: 0.25, distanceThreshold: 0.5))

    /// Record versions from the outermost layer inwards: 2 = layer over a layer, 1 = tag/skip, 3 = lowest layer.
    static let versionsFromOutside: [Int64] = [2, 2, 2, 2, 1, 1, 2, 2, 1, 3]

    static var bytes: [UInt8] {
        var out = DlibBytes()
        out.integer(1)
        out.string("loss_metric_2")
        out.float(0.25)
        out.float(0.5)
        for version in versionsFromOutside { out.integer(version) }

        out.string("input_rgb_image_sized")
        out.float(122.5)
        out.float(117)
        out.float(104.25)
        out.integer(6)
        out.integer(5)

        out.string("con_4")
        out.tensor(8, 1, 1, 1, convolution.weights + convolution.biases)
        for value in [2, 1, 1, 1, 2, 0, 1] { out.integer(Int64(value)) }
        out.alias(2, 3, 1, 1)
        out.alias(1, 2, 1, 1)
        out.multipliers()
        out.trainingState()
        out.integer(1)

        out.string("affine_")
        out.tensor(4, 1, 1, 1, affine.gamma + affine.beta)
        out.alias(1, 2, 1, 1)
        out.alias(1, 2, 1, 1)
        out.integer(0)
        out.trainingState()

        out.string("relu_")
        out.trainingState()

        out.string("max_pool_2")
        for value in [3, 2, 2, 1, 1, 0] { out.integer(Int64(value)) }
        out.trainingState()

        out.string("add_prev_")
        out.trainingState()

        out.string("avg_pool_2")
        for value in [0, 0, 1, 1, 0, 0] { out.integer(Int64(value)) }
        out.trainingState()

        out.string("fc_2")
        out.integer(3)
        out.integer(2)
        out.tensor(3, 3, 1, 1, fullyConnected.weights + fullyConnected.biases!)
        out.alias(2, 3, 1, 1)
        out.alias(1, 3, 1, 1)
        out.integer(0)
        out.multipliers()
        out.trainingState()
        return out.bytes
    }
}
