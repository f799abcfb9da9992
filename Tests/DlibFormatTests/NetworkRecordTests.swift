import FacewatchSupport
import Testing
import DlibFormat

/// Reading whole network records: the hand-built `SmallNetwork`, its truncations and corruptions, and garbage.
struct NetworkRecordTests {
    @Test func smallNetworkReadsAsBuilt() throws {
        let network = try DlibNetwork(bytes: SmallNetwork.bytes)
        #expect(network == SmallNetwork.expected)
        #expect(network.learnedParameterCount == 8 + 4 + 9)
    }

    @Test func fullyConnectedWeightsByOutput() {
        #expect(SmallNetwork.fullyConnected.weightsByOutput == [1, 4, 2, 5, 3, 6])
    }

    @Test func everyTruncationIsReportedAsTruncated() {
        let bytes = SmallNetwork.bytes
        for length in 0..<bytes.count {
            let error = capturedError { try DlibNetwork(bytes: Array(bytes[..<length]), source: "small.dat") }
            #expect(error?.cause == .truncated, "prefix of \(length) bytes: \(error?.description ?? "no error")")
            #expect(error.map { $0.description.hasPrefix("small.dat: truncated at byte ") } == true)
            #expect(error.map { $0.offset! <= length } == true)
        }
    }

    @Test func truncationNamesTheLayerAndField() {
        let bytes = SmallNetwork.bytes
        let afterAffineName = bytes.indices.first { Array(bytes[$0..<$0 + 7]) == Array("affine_".utf8) }! + 7
        let error = capturedError { try DlibNetwork(bytes: Array(bytes[..<(afterAffineName + 12)]), source: "small.dat") }
        #expect(error?.description == "small.dat: truncated at byte \(afterAffineName + 10) while reading values of params tensor 4×1×1×1 of layer 2 (affine_)")
    }

    @Test func missingFileIsNamed() {
        let error = capturedError { try DlibNetwork(contentsOfFile: "/nonexistent/model.dat") }
        #expect(error?.description == "/nonexistent/model.dat: cannot open file (No such file or directory)")
    }

    @Test func trailingBytesAreRejected() {
        let error = capturedError { try DlibNetwork(bytes: SmallNetwork.bytes + [0x01], source: "small.dat") }
        #expect(error?.description == "small.dat: 1 bytes after the network at byte \(SmallNetwork.bytes.count) while reading end of data")
    }

    @Test func unknownLayerTypeIsNamed() {
        let bytes = replacing("relu_", with: "prelu", in: SmallNetwork.bytes)
        let error = capturedError { try DlibNetwork(bytes: bytes, source: "small.dat") }
        #expect(error.map { $0.description.hasPrefix("small.dat: unsupported layer type 'prelu' at byte ") } == true)
        #expect(error?.context == "layer name of layer 3 (prelu)")
    }

    @Test func unknownRecordVersionIsNamed() {
        var bytes = SmallNetwork.bytes
        let firstVersion = lossRecord.count
        #expect(Array(bytes[firstVersion...(firstVersion + 1)]) == [0x01, 0x02])
        bytes[firstVersion + 1] = 7
        let error = capturedError { try DlibNetwork(bytes: bytes, source: "small.dat") }
        #expect(error?.description == "small.dat: unknown layer record version 7 at byte \(firstVersion) while reading version of layer record 0 below the loss")
    }

    @Test func threeUnnamedRecordsInARowAreRejected() {
        var versions = SmallNetwork.versionsFromOutside
        versions.insert(1, at: 4)
        let error = capturedError { try DlibNetwork(bytes: networkBytes(versions: versions), source: "small.dat") }
        #expect(error?.description.contains("3 tag/skip records in a row") == true)
        #expect(error?.context == "layer 4")
    }

    @Test func addPreviousWithoutTagIsRejected() {
        let error = capturedError { try DlibNetwork(bytes: networkBytes(versions: [2, 2, 2, 2, 2, 2, 3]), source: "s.dat") }
        #expect(error?.description.contains("add_prev_ with no tag layer before it") == true)
    }

    @Test func inconsistentConvolutionShapesAreRejected() {
        var bytes = SmallNetwork.bytes
        let filtersAlias: [UInt8] = [0x01, 0x01, 0x01, 0x02, 0x01, 0x03, 0x01, 0x01, 0x01, 0x01]
        let at = bytes.indices.first { Array(bytes[$0..<min($0 + 10, bytes.count)]) == filtersAlias }!
        bytes[at + 5] = 0x04
        let error = capturedError { try DlibNetwork(bytes: bytes, source: "small.dat") }
        #expect(error?.description == "small.dat: params tensor holds 8 values, filters 2×4×1×1 and 2 biases need 10 at byte \(at + 10) while reading biases alias of layer 0 (con_4)")
    }

    @Test func randomGarbageIsRejectedWithoutCrashing() {
        var generator = SplitMix64(seed: 20_170_309)
        for length in [0, 1, 2, 3, 5, 8, 13, 40, 100, 1000, 5000] {
            for _ in 0..<40 {
                let garbage = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let error = capturedError { try DlibNetwork(bytes: garbage, source: "garbage.dat") }
                #expect(error != nil)
                #expect(error.map { $0.description.hasPrefix("garbage.dat: ") && !$0.description.contains("\n") } == true)
            }
        }
    }

    @Test func corruptedBytesNeverCrash() {
        var generator = SplitMix64(seed: 42)
        let original = SmallNetwork.bytes
        var failures = 0
        for position in original.indices {
            for _ in 0..<4 {
                var bytes = original
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
                if capturedError({ try DlibNetwork(bytes: bytes) }) != nil { failures += 1 }
            }
        }
        #expect(failures > 0)
    }

    /// The small network's loss record (version, name, margin, threshold), after which the layer versions start.
    private var lossRecord: [UInt8] {
        var loss = DlibBytes()
        loss.integer(1)
        loss.string("loss_metric_2")
        loss.float(0.25)
        loss.float(0.5)
        return loss.bytes
    }

    private func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let oldBytes = Array(old.utf8)
        let at = bytes.indices.first { Array(bytes[$0..<min($0 + oldBytes.count, bytes.count)]) == oldBytes }!
        var copy = bytes
        copy.replaceSubrange(at..<at + oldBytes.count, with: Array(new.utf8))
        return copy
    }

    /// The small network's bytes with the record versions replaced, and a `relu_` record for each extra
    /// version-2 record so that the details still match the versions.
    private func networkBytes(versions: [Int64]) -> [UInt8] {
        let original = SmallNetwork.bytes
        var header = DlibBytes(bytes: lossRecord)
        let detailsStart = lossRecord.count + 2 * SmallNetwork.versionsFromOutside.count
        for version in versions { header.integer(version) }
        var details = Array(original[detailsStart...])
        let extraLayers = versions.filter { $0 == 2 }.count - SmallNetwork.versionsFromOutside.filter { $0 == 2 }.count
        for _ in 0..<max(0, extraLayers) {
            var relu = DlibBytes()
            relu.string("relu_")
            relu.trainingState()
            details += relu.bytes
        }
        return header.bytes + details
    }
}

