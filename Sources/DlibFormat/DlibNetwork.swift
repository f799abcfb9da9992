/// A network read from a dlib `.dat` file: dlib's metric-learning networks such as the face-recognition
/// ResNet (`anet_type` of dlib's dnn_face_recognition_ex), as a flat list of layers an engine can build from.
public struct DlibNetwork: Sendable, Equatable {
    public var input: DlibRGBInput
    /// From the input to the output; the last layer's output is the descriptor.
    public var layers: [DlibLayer]
    public var loss: DlibMetricLoss

    public init(input: DlibRGBInput, layers: [DlibLayer], loss: DlibMetricLoss) {
        self.input = input
        self.layers = layers
        self.loss = loss
    }

    /// How many trained values the network holds.
    public var learnedParameterCount: Int { layers.reduce(0) { $0 + $1.learnedParameterCount } }
}
