import Foundation
import FacewatchSupport

/// The learning rate of each epoch: a constant, or a schedule file in facenet's format.
///
/// A schedule file has one `epoch: rate` line per change, in increasing epoch order, the first for epoch 0; `#`
/// starts a comment and blank lines are skipped:
///
///     # epoch: learning rate
///     0:  0.1
///     65: 0.01
///     77: 0.001
///     1000: -1
///
/// Epoch e trains at the rate of the last line whose epoch is ≤ e. A rate of −1 means stop: training ends when it
/// reaches that epoch. Every other rate must be a positive number.
public struct LearningRateSchedule: Sendable, Equatable {
    /// What to do in an epoch.
    public enum Decision: Sendable, Equatable {
        case train(learningRate: Float)
        case stop
    }

    /// One line of a schedule: from `epoch` on, `decision`.
    public struct Entry: Sendable, Equatable {
        public var epoch: Int
        public var decision: Decision

        public init(epoch: Int, decision: Decision) {
            self.epoch = epoch
            self.decision = decision
        }
    }

    /// In increasing epoch order, the first for epoch 0.
    public let entries: [Entry]

    /// The same rate in every epoch.
    public static func constant(_ learningRate: Float) -> LearningRateSchedule {
        LearningRateSchedule(entries: [Entry(epoch: 0, decision: .train(learningRate: learningRate))])
    }

    private init(entries: [Entry]) { self.entries = entries }

    public func decision(forEpoch epoch: Int) -> Decision {
        var current = entries[0].decision
        for entry in entries.dropFirst() {
            guard entry.epoch <= epoch else { break }
            current = entry.decision
        }
        return current
    }

    /// Reads the schedule file at `path`.
    public init(contentsOfFile path: String) throws(LearningRateScheduleError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw error.errorNumber == ENOENT
                ? .fileNotFound(path: path)
                : .unreadable(path: path, reason: error.description)
        }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), source: path)
    }

    /// Parses schedule text; `source` names it in errors.
    public init(parsing text: String, source: String) throws(LearningRateScheduleError) {
        var entries: [Entry] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingWhitespace()
            guard !content.isEmpty else { continue }
            let fields = content.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw .missingColon(path: source, line: line, text: String(content)) }
            let epochText = fields[0].trimmingWhitespace(), rateText = fields[1].trimmingWhitespace()
            guard let epoch = Int(epochText), epoch >= 0 else {
                throw .invalidEpoch(path: source, line: line, text: String(epochText))
            }
            let decision: Decision
            if let rate = Float(rateText), rate == -1 {
                decision = .stop
            } else if let rate = Float(rateText), rate.isFinite, rate > 0 {
                decision = .train(learningRate: rate)
            } else {
                throw .invalidRate(path: source, line: line, text: String(rateText))
            }
            if let previous = entries.last {
                guard epoch > previous.epoch else {
                    throw .epochNotIncreasing(path: source, line: line, epoch: epoch, previous: previous.epoch)
                }
            } else if epoch != 0 {
                throw .firstEpochNotZero(path: source, line: line, epoch: epoch)
            }
            entries.append(Entry(epoch: epoch, decision: decision))
        }
        guard !entries.isEmpty else { throw .empty(path: source) }
        self.init(entries: entries)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
