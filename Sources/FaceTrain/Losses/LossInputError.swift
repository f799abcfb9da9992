import FacewatchSupport

/// Why a loss could not be computed on the tensors and labels it was given; each description is one line that
/// names the loss and the input at fault.
public enum LossInputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The tensor is not of the shape the loss needs; `expected` says which, in words.
    case unexpectedShape(loss: String, input: String, shape: [Int], expected: String)
    case labelCountMismatch(loss: String, labels: Int, rows: Int)
    case labelOutOfRange(loss: String, row: Int, label: Int, classCount: Int)

    public var description: String {
        switch self {
        case let .unexpectedShape(loss, input, shape, expected):
            let dimensions = shape.map(String.init).joined(separator: "×")
            return oneLine("\(loss): \(input) of shape \(dimensions.isEmpty ? "scalar" : dimensions) must be \(expected)")
        case let .labelCountMismatch(loss, labels, rows):
            return oneLine("\(loss): \(labels) labels for \(rows) rows")
        case let .labelOutOfRange(loss, row, label, classCount):
            return oneLine("\(loss): label \(label) of row \(row) is outside the \(classCount) classes 0…\(classCount - 1)")
        }
    }

    /// Checks that `labels` has one entry in 0..<classCount per row.
    static func checkLabels(_ labels: [Int], rows: Int, classCount: Int, loss: String) throws(LossInputError) {
        guard labels.count == rows else { throw .labelCountMismatch(loss: loss, labels: labels.count, rows: rows) }
        for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw .labelOutOfRange(loss: loss, row: row, label: label, classCount: classCount)
        }
    }
}
