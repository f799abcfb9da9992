/// How to use an ONNX face model: the alignment template its training crops followed, the input size when the
/// model leaves it open, and how pixels are normalised.
public struct ONNXEmbedderOptions: Sendable, Equatable {
    /// Where the five landmarks go; scaled to the model's input size when that differs from the template's.
    public var template: FaceTemplate
    /// The chip side S for a model whose input height and width are not fixed (default: the template's); a
    /// model with a fixed size must agree with it.
    public var inputSize: Int?
    public var normalization: PixelNormalization

    public init(
        template: FaceTemplate = .arcFace112, inputSize: Int? = nil, normalization: PixelNormalization = .arcFace
    ) {
        self.template = template
        self.inputSize = inputSize
        self.normalization = normalization
    }

    /// Settings that change descriptors and differ from the defaults, for the model name (so that a gallery
    /// made with other preprocessing refuses these descriptors).
    var nonDefaultSettings: [String] {
        let defaults = ONNXEmbedderOptions()
        var settings = [String]()
        if template != defaults.template { settings.append("template=\(template.name)") }
        if normalization != defaults.normalization {
            settings.append("mean=\(normalization.mean.map { "\($0)" }.joined(separator: ","))")
            settings.append("scale=\(normalization.scale.map { "\($0)" }.joined(separator: ","))")
        }
        return settings
    }
}
