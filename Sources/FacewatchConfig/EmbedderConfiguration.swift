/// Which network turns an aligned face into a descriptor (YAML `embedder`). A gallery belongs to one embedder:
/// switching needs a new gallery.
public enum EmbedderConfiguration: Sendable, Equatable {
    /// dlib's face-recognition ResNet from the models directory (150×150 chips, 128-D, Euclidean).
    case dlib
    /// An ONNX model from a file.
    case onnx(ONNXEmbedderConfiguration)

    /// The YAML `kind` of each case.
    public enum Kind: String, Sendable, CaseIterable {
        case dlib
        case onnx
    }

    public var kind: Kind {
        switch self {
        case .dlib: return .dlib
        case .onnx: return .onnx
        }
    }
}

/// An ONNX embedder: the model file, the side of the square chip it takes, and where the landmarks go on it.
public struct ONNXEmbedderConfiguration: Sendable, Equatable {
    public var file: String
    /// Chip width and height in pixels; nil means the model's own when it fixes one, else the template's (112 for
    /// arcface), as `--embedder` does on the command line.
    public var inputSize: Int?
    public var template = AlignmentTemplate.arcface

    public init(file: String, inputSize: Int? = nil, template: AlignmentTemplate = .arcface) {
        self.file = file
        self.inputSize = inputSize
        self.template = template
    }
}

/// The five-point landmark layout a chip is aligned to, scaled to the chip size.
public enum AlignmentTemplate: String, Sendable, Equatable, CaseIterable {
    /// insightface's ArcFace layout (defined on 112×112).
    case arcface
    /// The layout of dlib's 150×150 chips, as measured for facewatch's dlib embedder.
    case dlib
}
