/// The detector's tunable parameters; the defaults are the classic MTCNN settings.
public struct MTCNNOptions: Sendable, Equatable {
    /// The smallest face side, in pixels, that the image pyramid looks for.
    public var minimumFaceSize: Double = 20
    /// Ratio between successive pyramid levels.
    public var scaleFactor: Double = 0.709
    /// Face-probability thresholds for P-Net, R-Net and O-Net.
    public var thresholds: (pnet: Double, rnet: Double, onet: Double) = (0.6, 0.7, 0.7)

    public init() {}

    public init(minimumFaceSize: Double = 20, scaleFactor: Double = 0.709,
                thresholds: (pnet: Double, rnet: Double, onet: Double) = (0.6, 0.7, 0.7)) {
        self.minimumFaceSize = minimumFaceSize
        self.scaleFactor = scaleFactor
        self.thresholds = thresholds
    }

    public static func == (a: MTCNNOptions, b: MTCNNOptions) -> Bool {
        a.minimumFaceSize == b.minimumFaceSize && a.scaleFactor == b.scaleFactor
            && a.thresholds.pnet == b.thresholds.pnet && a.thresholds.rnet == b.thresholds.rnet
            && a.thresholds.onet == b.thresholds.onet
    }

    /// Checks the values a person may have typed.
    public func validated() throws(VisionError) -> MTCNNOptions {
        guard minimumFaceSize >= 12 else { throw VisionError("minimum face size", "must be at least 12 pixels, got \(minimumFaceSize)") }
        guard scaleFactor > 0.1, scaleFactor < 1 else { throw VisionError("scale factor", "must be between 0.1 and 1, got \(scaleFactor)") }
        for t in [thresholds.pnet, thresholds.rnet, thresholds.onet] where !(0...1).contains(t) {
            throw VisionError("threshold", "must be between 0 and 1, got \(t)")
        }
        return self
    }

    /// The pyramid's scales for an image of the given size.
    func pyramidScales(width: Int, height: Int) -> [Double] {
        let base = 12 / minimumFaceSize
        var side = Double(min(width, height)) * base
        var scales = [Double]()
        var k = 0
        while side >= 12 {
            scales.append(base * pow(scaleFactor, Double(k)))
            side *= scaleFactor
            k += 1
        }
        return scales
    }
}

import Foundation
