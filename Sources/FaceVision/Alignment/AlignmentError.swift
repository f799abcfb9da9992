/// Why a similarity transform could not be fitted, or a face could not be aligned to a template.
public struct AlignmentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being fitted or aligned, e.g. `similarity fit` or `alignment to template arcface-112`.
    public var subject: String
    public var reason: Reason

    public enum Reason: Sendable, Equatable {
        case pointCountMismatch(source: Int, target: Int)
        case weightCountMismatch(points: Int, weights: Int)
        /// A weight that is negative, NaN or infinite.
        case invalidWeight(index: Int)
        /// Fewer than two point pairs, or fewer than two with a positive weight.
        case tooFewPoints(Int)
        case nonFinitePoint(index: Int)
        /// All source points coincide, so no rotation or scale can be told from them.
        case coincidentSourcePoints
        /// All target points coincide: the best fit would collapse the image to a point.
        case coincidentTargetPoints
        /// The best rotation-and-scale is no scale at all: the point sets are mirror images of each other.
        case zeroScaleFit
        case landmarkCountMismatch(expected: Int, got: Int)
        /// The face's landmarks all sit on one spot.
        case coincidentLandmarks
    }

    public init(_ subject: String, _ reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        let cause = switch reason {
        case .pointCountMismatch(let source, let target):
            "\(source) source points but \(target) target points"
        case .weightCountMismatch(let points, let weights):
            "\(points) point pairs but \(weights) weights"
        case .invalidWeight(let index):
            "weight \(index) is negative, NaN or infinite"
        case .tooFewPoints(let count):
            "\(count) point pairs with a positive weight, at least 2 are needed"
        case .nonFinitePoint(let index):
            "point pair \(index) has a coordinate that is NaN or infinite"
        case .coincidentSourcePoints:
            "the source points all coincide, so rotation and scale are undetermined"
        case .coincidentTargetPoints:
            "the target points all coincide, so the fit has zero scale"
        case .zeroScaleFit:
            "the point sets mirror each other, so the best fit without reflection has zero scale"
        case .landmarkCountMismatch(let expected, let got):
            "the template has \(expected) points but the face has \(got) landmarks"
        case .coincidentLandmarks:
            "the face's landmarks all coincide"
        }
        return "\(subject): \(cause)"
    }
}
