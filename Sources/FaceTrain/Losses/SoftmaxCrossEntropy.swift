import Foundation
import NeuralEngine

/// Softmax cross-entropy on logits `[N, classes]` with one class label per row: the mean over rows of
/// `−log softmax(z)[y]`, computed through log-sum-exp so large logits do not overflow. Its gradient with respect
/// to the logits is `(softmax(z) − onehot(y)) / N`.
public enum SoftmaxCrossEntropy {
    public static func evaluate(logits: Tensor, labels: [Int]) throws(LossInputError) -> LossEvaluation {
        let name = "softmax cross-entropy"
        guard logits.rank == 2, logits.shape[0] > 0, logits.shape[1] > 0 else {
            throw .unexpectedShape(loss: name, input: "logits", shape: logits.shape, expected: "[N, classes] with N, classes > 0")
        }
        let rows = logits.shape[0], classes = logits.shape[1]
        try LossInputError.checkLabels(labels, rows: rows, classCount: classes, loss: name)
        var total = 0.0
        var gradient = [Float](repeating: 0, count: logits.count)
        for r in 0..<rows {
            let row = (r * classes)..<((r + 1) * classes)
            let peak = Double(logits.values[row].max()!)
            var sum = 0.0
            for i in row { sum += exp(Double(logits.values[i]) - peak) }
            let logSum = peak + log(sum)
            total += logSum - Double(logits.values[r * classes + labels[r]])
            for i in row {
                let probability = exp(Double(logits.values[i]) - logSum)
                let target = i == r * classes + labels[r] ? 1.0 : 0.0
                gradient[i] = Float((probability - target) / Double(rows))
            }
        }
        return LossEvaluation(loss: total / Double(rows), gradient: Tensor(shape: logits.shape, values: gradient))
    }
}
