import FaceVision
import Foundation

/// Aligned face chips of a folder-per-person data set (what `facewatch align` writes), held in memory for training:
/// one class per person, in name order, and every chip with its class.
///
/// People with fewer than `minimumImagesPerPerson` chips are left out (a class of one photo teaches a classifier to
/// memorise and gives triplet selection no positive). All chips must be square and of one size.
public struct ChipDataset: Sendable {
    /// One labelled chip.
    public struct Sample: Sendable {
        public var label: Int
        public var path: String
        public var chip: RGBImage

        public init(label: Int, path: String, chip: RGBImage) {
            self.label = label
            self.path = path
            self.chip = chip
        }
    }

    /// Class names (people), in label order.
    public let people: [String]
    public let samples: [Sample]
    /// The chips' side, in pixels.
    public let side: Int

    /// Reads `directory/<person>/<chip>` for every person with enough chips, decoding each file with `load`.
    public init(
        directory: String, minimumImagesPerPerson: Int = 2,
        load: (String) throws -> RGBImage
    ) throws(TrainingDataError) {
        let listing = try Self.listing(of: directory)
        var people: [String] = [], samples: [Sample] = []
        var side: Int?
        for (person, paths) in listing where paths.count >= max(1, minimumImagesPerPerson) {
            let label = people.count
            people.append(person)
            for path in paths {
                let chip: RGBImage
                do {
                    chip = try load(path)
                } catch {
                    throw .unreadableChip(path: path, reason: "\(error)")
                }
                guard chip.width == chip.height, chip.width == (side ?? chip.width) else {
                    throw .chipSize(path: path, width: chip.width, height: chip.height, expected: side ?? chip.width)
                }
                side = chip.width
                samples.append(Sample(label: label, path: path, chip: chip))
            }
        }
        guard people.count >= 2, let side else {
            throw .tooFewPeople(directory: directory, found: people.count, minimumImages: minimumImagesPerPerson)
        }
        self.init(people: people, samples: samples, side: side)
    }

    /// A data set from chips already in memory (tests, benchmarks).
    public init(people: [String], samples: [Sample], side: Int) {
        precondition(samples.allSatisfy { people.indices.contains($0.label) && $0.chip.width == side && $0.chip.height == side },
                     "ChipDataset: a sample's label or size does not fit")
        self.people = people
        self.samples = samples
        self.side = side
    }

    /// Sample indices grouped by class, in label order.
    public var samplesByPerson: [[Int]] {
        var groups = [[Int]](repeating: [], count: people.count)
        for (index, sample) in samples.enumerated() { groups[sample.label].append(index) }
        return groups
    }

    /// Person folder → sorted image paths, people sorted by name; hidden entries and files at the top level are
    /// ignored.
    static func listing(of directory: String) throws(TrainingDataError) -> [(String, [String])] {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableDirectory(path: directory, reason: (error as NSError).localizedDescription)
        }
        var result: [(String, [String])] = []
        for person in names.sorted() where !person.hasPrefix(".") {
            let folder = (directory as NSString).appendingPathComponent(person)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let files = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            let images = files.filter { name in
                !name.hasPrefix(".") && ["png", "jpg", "jpeg", "bmp", "webp"].contains((name as NSString).pathExtension.lowercased())
            }
            result.append((person, images.sorted().map { (folder as NSString).appendingPathComponent($0) }))
        }
        return result
    }
}
