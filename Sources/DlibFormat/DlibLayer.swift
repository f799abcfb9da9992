/// One layer of a dlib network, in the order data flows from the input to the output.
public enum DlibLayer: Sendable, Equatable {
    case convolution(DlibConvolution)
    case affine(DlibAffine)
    /// max(0, x) elementwise.
    case relu
    case maxPool(DlibPooling)
    case averagePool(DlibPooling)
    /// Adds the output of the nearest earlier `tag(id)` to this layer's input (dlib `add_prev`). When the two
    /// shapes differ, the sum takes the larger size in each dimension and a missing element counts as zero.
    case addPrevious(tag: Int)
    /// Passes its input through unchanged and names it for a later `addPrevious` or `skip` (dlib `tag1`…).
    case tag(Int)
    /// Discards its input and passes on the output of the nearest earlier `tag(id)` (dlib `skip1`…).
    case skip(tag: Int)
    case fullyConnected(DlibFullyConnected)

    /// How many trained values the layer holds (weights, biases, γ, β).
    public var learnedParameterCount: Int {
        switch self {
        case .convolution(let convolution): convolution.weights.count + convolution.biases.count
        case .affine(let affine): affine.gamma.count + affine.beta.count
        case .fullyConnected(let layer): layer.weights.count + (layer.biases?.count ?? 0)
        case .relu, .maxPool, .averagePool, .addPrevious, .tag, .skip: 0
        }
    }
}
