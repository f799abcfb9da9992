/// Which negatives may complete an anchor–positive pair, given the squared distances d(a, p) and d(a, n) and the
/// margin α.
public enum TripletSelectionRule: String, Sendable, CaseIterable, Codable {
    /// `d(a, n) − d(a, p) < α`: every negative that violates the margin, including the hard ones closer to the
    /// anchor than the positive; what davidsandberg/facenet's `select_triplets` does.
    case facenet
    /// `d(a, p) < d(a, n) < d(a, p) + α`: negatives farther than the positive but still inside the margin; the
    /// FaceNet paper's semi-hard rule.
    case semihard

    public func admits(positiveDistance: Double, negativeDistance: Double, margin: Double) -> Bool {
        switch self {
        case .facenet:
            return negativeDistance - positiveDistance < margin
        case .semihard:
            return positiveDistance < negativeDistance && negativeDistance < positiveDistance + margin
        }
    }
}
