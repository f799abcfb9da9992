import Foundation

/// One line of a run's history: what an epoch did and how well the network verified pairs after it. Epoch 0 is
/// the untrained network (no loss, no images).
public struct EpochRecord: Sendable, Equatable, Codable {
    public var epoch: Int
    public var learningRate: Float?
    /// Mean training loss over the epoch's batches.
    public var loss: Double?
    /// 10-fold accuracy on the validation pairs (mean, and standard deviation over folds); nil without pairs.
    public var validationAccuracy: Double?
    public var validationAccuracySpread: Double?
    /// Images the network trained on (each one forward and backward).
    public var images: Int
    /// Wall time of the epoch's training (without validation).
    public var seconds: Double

    public init(epoch: Int, learningRate: Float?, loss: Double?, validationAccuracy: Double?,
                validationAccuracySpread: Double?, images: Int, seconds: Double) {
        self.epoch = epoch
        self.learningRate = learningRate
        self.loss = loss
        self.validationAccuracy = validationAccuracy
        self.validationAccuracySpread = validationAccuracySpread
        self.images = images
        self.seconds = seconds
    }

    public var imagesPerSecond: Double? { seconds > 0 && images > 0 ? Double(images) / seconds : nil }
}

/// The history as CSV: a header, then one row per epoch; empty fields where a value does not apply.
public enum TrainingHistoryCSV {
    public static let header = "epoch,learning_rate,loss,validation_accuracy,validation_accuracy_std,images,seconds,images_per_second"

    public static func text(of records: [EpochRecord]) -> String {
        var lines = [header]
        for record in records {
            let fields: [String] = [
                "\(record.epoch)",
                record.learningRate.map { "\($0)" } ?? "",
                record.loss.map { format($0, 6) } ?? "",
                record.validationAccuracy.map { format($0, 5) } ?? "",
                record.validationAccuracySpread.map { format($0, 5) } ?? "",
                "\(record.images)",
                format(record.seconds, 1),
                record.imagesPerSecond.map { format($0, 2) } ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
