import FacewatchSupport
import Foundation
import NeuralEngine

/// A training run saved between epochs, so that `facewatch train --resume` continues it exactly: the settings and
/// people it was started with, the history, the random generator, every parameter and batch-norm running average,
/// the classifier and centers, and the optimisers' state.
///
/// File layout: the line `facewatch-checkpoint 1`, an 8-byte little-endian header length, a JSON header (`Header`),
/// then each tensor the header lists as little-endian 32-bit floats, in the listed order (copied as they lie in
/// memory: facewatch builds for little-endian machines only, x86-64 and arm64). Written to a temporary
/// name and renamed, so an interrupted save leaves the previous checkpoint intact.
public struct TrainingCheckpoint: Sendable {
    static let magic = Array("facewatch-checkpoint 1\n".utf8)

    #if _endian(big)
    #error("TrainingCheckpoint writes tensors as they lie in memory, which is little-endian only")
    #endif

    struct Header: Codable {
        struct Entry: Codable {
            var name: String
            var count: Int
        }
        var settings: TrainingSettings
        var people: [String]
        var history: [EpochRecord]
        var randomState: UInt64
        var featureOptimizerSteps: Int
        var classifierOptimizerSteps: Int
        var tensors: [Entry]
    }

    var header: Header
    var tensors: [String: [Float]]

    /// The state of `trainer` now.
    public init(_ trainer: Trainer) {
        var tensors: [(String, [Float])] = []
        var features = trainer.features
        features.visitParameters { name, parameter in tensors.append(("features/\(name)", parameter.value.values)) }
        features.visitBuffers { name, values in tensors.append(("features/\(name)", values)) }
        if var classifier = trainer.classifier {
            classifier.visitParameters { name, parameter in tensors.append(("classifier/\(name)", parameter.value.values)) }
        }
        if let objective = trainer.objective { tensors.append(("centers", objective.centerLoss.centers.values)) }
        for (prefix, state) in [("optimizer.features", trainer.featureOptimizer.state),
                                ("optimizer.classifier", trainer.classifierOptimizer.state)] {
            for key in state.buffers.keys.sorted() { tensors.append(("\(prefix)/\(key)", state.buffers[key]!)) }
        }
        header = Header(
            settings: trainer.settings, people: trainer.dataset.people, history: trainer.history,
            randomState: trainer.random.state, featureOptimizerSteps: trainer.featureOptimizer.state.stepCount,
            classifierOptimizerSteps: trainer.classifierOptimizer.state.stepCount,
            tensors: tensors.map { Header.Entry(name: $0.0, count: $0.1.count) })
        self.tensors = Dictionary(tensors, uniquingKeysWith: { first, _ in first })
    }

    /// The settings the run was started with.
    public var settings: TrainingSettings { header.settings }
    public var completedEpochs: Int { header.history.last?.epoch ?? 0 }

    public func write(to path: String) throws(TrainingError) {
        let json: Data
        do {
            json = try JSONEncoder().encode(header)
        } catch {
            throw .checkpoint(path: path, reason: "cannot encode the header: \(error)")
        }
        var bytes = Self.magic
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { bytes += $0 }
        bytes += json
        for entry in header.tensors {
            tensors[entry.name]!.withUnsafeBytes { bytes += $0 }
        }
        let temporary = path + ".partial"
        do {
            try WholeFile.write(bytes, to: temporary)
        } catch {
            throw .checkpoint(path: path, reason: error.description)
        }
        guard rename(temporary, path) == 0 else {
            throw .checkpoint(path: path, reason: "cannot rename \(temporary) into place (\(String(cString: strerror(errno))))")
        }
    }

    public init(contentsOf path: String) throws(TrainingError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw .checkpoint(path: path, reason: error.description)
        }
        guard bytes.count >= Self.magic.count + 8, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw .checkpoint(path: path, reason: "not a facewatch checkpoint (no 'facewatch-checkpoint 1' line)")
        }
        var offset = Self.magic.count
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        guard length <= UInt64(bytes.count - offset) else {
            throw .checkpoint(path: path, reason: "header of \(length) bytes runs past the end of the file (truncated?)")
        }
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[offset..<(offset + Int(length))]))
        } catch {
            throw .checkpoint(path: path, reason: "unreadable header: \(error)")
        }
        offset += Int(length)
        let needed = header.tensors.reduce(0) { $0 + $1.count } * 4
        guard bytes.count - offset == needed else {
            throw .checkpoint(path: path, reason: "\(bytes.count - offset) bytes of tensors where the header lists \(needed) (truncated?)")
        }
        var tensors: [String: [Float]] = [:]
        for entry in header.tensors {
            let start = offset
            tensors[entry.name] = [Float](unsafeUninitializedCapacity: entry.count) { values, count in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(values).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + 4 * entry.count)]))
                }
                count = entry.count
            }
            offset += 4 * entry.count
        }
        self.tensors = tensors
    }
}

extension Trainer {
    /// Continues the run saved in `checkpoint`: it must have been made with these settings and the same people.
    public mutating func restore(_ checkpoint: TrainingCheckpoint, from path: String) throws(TrainingError) {
        func fail(_ reason: String) -> TrainingError { .checkpoint(path: path, reason: reason) }
        guard checkpoint.header.settings == settings else {
            let differences = settings.differences(from: checkpoint.header.settings).joined(separator: ", ")
            throw fail("made with other settings: \(differences); resume with the checkpoint's options or start afresh")
        }
        guard checkpoint.header.people == dataset.people else {
            throw fail("made with another data set (\(checkpoint.header.people.count) people, now \(dataset.people.count))")
        }
        var used = Set<String>()
        var missing: String?
        func take(_ name: String, count: Int) -> [Float]? {
            guard let values = checkpoint.tensors[name], values.count == count else {
                if missing == nil { missing = name }
                return nil
            }
            used.insert(name)
            return values
        }
        features.visitParameters { name, parameter in
            if let values = take("features/\(name)", count: parameter.value.count) { parameter.value.values = values }
        }
        features.visitBuffers { name, buffer in
            if let values = take("features/\(name)", count: buffer.count) { buffer = values }
        }
        if classifier != nil {
            classifier!.visitParameters { name, parameter in
                if let values = take("classifier/\(name)", count: parameter.value.count) { parameter.value.values = values }
            }
        }
        if let centers = objective?.centerLoss.centers, let values = take("centers", count: centers.count) {
            objective!.centerLoss.centers = Tensor(shape: centers.shape, values: values)
        }
        if let missing { throw fail("no tensor '\(missing)' of the right size") }
        var optimizerBuffers: [String: [String: [Float]]] = ["optimizer.features": [:], "optimizer.classifier": [:]]
        for (name, values) in checkpoint.tensors where !used.contains(name) {
            guard let slash = name.firstIndex(of: "/"), optimizerBuffers[String(name[..<slash])] != nil else {
                throw fail("unexpected tensor '\(name)'")
            }
            optimizerBuffers[String(name[..<slash])]![String(name[name.index(after: slash)...])] = values
        }
        do throws(EngineError) {
            try featureOptimizer.restore(OptimizerState(stepCount: checkpoint.header.featureOptimizerSteps,
                                                        buffers: optimizerBuffers["optimizer.features"]!))
            try classifierOptimizer.restore(OptimizerState(stepCount: checkpoint.header.classifierOptimizerSteps,
                                                           buffers: optimizerBuffers["optimizer.classifier"]!))
        } catch {
            throw fail(error.description)
        }
        random = SplitMix64(state: checkpoint.header.randomState)
        history = checkpoint.header.history
    }
}
