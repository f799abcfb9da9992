/// How a 2-D window (convolution or pooling) treats the image border.
public enum Padding2D: Sendable, Equatable {
    /// Fixed padding in pixels on each side.
    case explicit(top: Int, left: Int, bottom: Int, right: Int)
    /// ONNX `SAME_UPPER` / `SAME_LOWER`: the output has `ceil(input / stride)` cells; an odd total pad puts
    /// the extra pixel at the end (upper) or at the start (lower).
    case same(extraAtEnd: Bool)

    public static let none = Padding2D.explicit(top: 0, left: 0, bottom: 0, right: 0)

    /// Pixels to add before and after the input along one axis.
    func amounts(input: Int, kernel: Int, stride: Int, dilation: Int, beginIsTop: Bool) -> (begin: Int, end: Int) {
        switch self {
        case let .explicit(top, left, bottom, right):
            return beginIsTop ? (top, bottom) : (left, right)
        case let .same(extraAtEnd):
            let output = (input + stride - 1) / stride
            let total = max(0, (output - 1) * stride + (kernel - 1) * dilation + 1 - input)
            let small = total / 2
            return extraAtEnd ? (small, total - small) : (total - small, small)
        }
    }
}

/// The geometry of a sliding window over one spatial axis, resolved for a given input size.
struct WindowAxis {
    let input: Int
    let kernel: Int
    let stride: Int
    let dilation: Int
    let padBegin: Int
    let padEnd: Int
    let output: Int

    init(input: Int, kernel: Int, stride: Int, dilation: Int = 1, padBegin: Int, padEnd: Int, roundUp: Bool = false) {
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padBegin = padBegin
        self.padEnd = padEnd
        let span = input + padBegin + padEnd - ((kernel - 1) * dilation + 1)
        if span < 0 {
            output = 0
        } else if roundUp {
            var cells = (span + stride - 1) / stride + 1
            // A window that would start entirely inside the end padding is dropped, as ONNX and Caffe do.
            if (cells - 1) * stride >= input + padBegin { cells -= 1 }
            output = cells
        } else {
            output = span / stride + 1
        }
    }
}
