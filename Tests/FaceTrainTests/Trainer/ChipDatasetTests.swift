import FaceTrain
import FaceVision
import Foundation
import Testing

@Suite struct ChipDatasetTests {
    /// A folder-per-person tree of empty files; `load` makes the pixels, so no image codec is needed here.
    private func tree(_ people: [String: Int]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chips-\(UUID())").path
        for (person, count) in people {
            let folder = (root as NSString).appendingPathComponent(person)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for index in 0..<count {
                FileManager.default.createFile(atPath: (folder as NSString).appendingPathComponent("\(person)_\(index).png"), contents: Data())
            }
        }
        FileManager.default.createFile(atPath: (root as NSString).appendingPathComponent("align-report.txt"), contents: Data())
        return root
    }

    @Test func peopleWithTooFewChipsAreLeftOutAndLabelsFollowNameOrder() throws {
        let root = try tree(["Zed": 3, "Amy": 2, "Bob": 1])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = try ChipDataset(directory: root, minimumImagesPerPerson: 2) { _ in RGBImage(width: 8, height: 8) }
        #expect(data.people == ["Amy", "Zed"])
        #expect(data.samples.map(\.label) == [0, 0, 1, 1, 1])
        #expect(data.samples[2].path.hasSuffix("Zed/Zed_0.png"))
        #expect(data.samplesByPerson == [[0, 1], [2, 3, 4]])
        #expect(data.side == 8)
    }

    @Test func mixedChipSizesNameTheOddFile() throws {
        let root = try tree(["Amy": 2, "Zed": 2])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect {
            _ = try ChipDataset(directory: root) { path in
                path.hasSuffix("Zed_1.png") ? RGBImage(width: 6, height: 6) : RGBImage(width: 8, height: 8)
            }
        } throws: { error in
            "\(error)" == "\(root)/Zed/Zed_1.png: chip is 6×6, but the data set's chips are 8×8 (align them all with one --size)"
        }
    }

    @Test func unreadableChipAndMissingFolderAreOneLineErrors() throws {
        let root = try tree(["Amy": 2, "Zed": 2])
        defer { try? FileManager.default.removeItem(atPath: root) }
        struct Broken: Error, CustomStringConvertible { var description: String { "invalid PNG signature" } }
        #expect {
            _ = try ChipDataset(directory: root) { _ in throw Broken() }
        } throws: { error in
            "\(error)" == "\(root)/Amy/Amy_0.png: cannot read this chip: invalid PNG signature"
        }
        #expect {
            _ = try ChipDataset(directory: root + "/nowhere") { _ in RGBImage(width: 8, height: 8) }
        } throws: { error in
            "\(error)".hasPrefix("\(root)/nowhere: cannot list the data set:")
        }
        #expect(throws: TrainingDataError.tooFewPeople(directory: root, found: 0, minimumImages: 3)) {
            _ = try ChipDataset(directory: root, minimumImagesPerPerson: 3) { _ in RGBImage(width: 8, height: 8) }
        }
    }
}
