/// Scaling descriptors to unit Euclidean length, so that distances between them depend on angle alone.
public enum L2Normalization {
    /// `values / ‖values‖`, summed in Double; an all-zero vector stays zero.
    public static func normalized<Values: Collection>(_ values: Values) -> [Float] where Values.Element == Float {
        var squares = 0.0
        for value in values { squares += Double(value) * Double(value) }
        guard squares > 0 else { return Array(values) }
        let inverse = 1 / squares.squareRoot()
        return values.map { Float(Double($0) * inverse) }
    }
}
