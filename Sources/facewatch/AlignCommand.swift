import ArgumentParser
import FaceMedia
import FaceVision
import FacewatchSupport
import Foundation
import NeuralEngine

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Cut aligned face chips from a folder-per-person dataset, for training.",
        discussion: """
            SRC holds one folder per person with their photos. Each photo's face is found with MTCNN and mapped \
            onto the template, giving DST/<person>/<photo name>.png. With several faces, the largest is taken; \
            faces within 80 % of the largest's area compete on how near their centre is to the photo's centre. \
            A photo without a face, or one that cannot be read, is listed in DST/align-report.txt (path, then the \
            reason) and counted in the summary; it does not stop the run. Existing outputs are kept (so an \
            interrupted run resumes) unless --force.
            """)

    @Argument(help: "The dataset: one folder per person.")
    var source: String

    @Argument(help: "Where the aligned chips go, in the same folders.")
    var destination: String

    @Option(help: "Side of the square chips, in pixels; the template is scaled to it.")
    var size: Int = 112

    @Option(help: "Border around the template on each side, as a fraction of its width (0.1 on 112 pixels puts the template's framing in the central 93).")
    var margin: Double = 0

    @Option(help: "Face template: arcface (insightface's 112×112 framing) or dlib (dlib's 150×150 chip framing).")
    var template: AlignmentTemplate = .arcface

    @Flag(help: "Align again photos whose chip already exists.")
    var force = false

    @OptionGroup var detection: DetectionOptions

    func validate() throws {
        guard size >= 8 else { throw ValidationError("--size must be at least 8 pixels") }
        guard margin >= 0, margin <= 2 else { throw ValidationError("--margin must be between 0 and 2") }
    }

    func run() throws {
        let options = try detection.mtcnnOptions()
        let dataset = try AlignmentDataset(root: source)
        let detector: MTCNNDetector
        do {
            detector = try detection.loadDetector()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        BLAS.setThreadCount(1)
        let aligner = FaceAligner(template: template.faceTemplate.scaled(toSide: size, margin: margin))
        var tally = AlignmentTally()
        var problems: [String] = []
        let progress = ProgressBar(total: dataset.photos.count, label: "align")
        for photo in dataset.photos {
            defer { progress.advance() }
            let folder = (destination as NSString).appendingPathComponent(photo.person)
            let target = (folder as NSString).appendingPathComponent(photo.stem + ".png")
            if !force, FileManager.default.fileExists(atPath: target) {
                tally.kept += 1
                continue
            }
            let image: RGBImage
            do {
                image = try ImageFile.decode(path: photo.path)
            } catch {
                tally.unreadable += 1
                let named = oneLine(photo.path) + ": "
                let cause = error.description.hasPrefix(named) ? String(error.description.dropFirst(named.count)) : error.description
                problems.append("\(named)unreadable: \(cause)")
                continue
            }
            do {
                let faces = try detector.detect(image, options: options)
                guard let face = PrimaryFace.pick(from: faces, imageWidth: image.width, imageHeight: image.height) else {
                    tally.faceless += 1
                    problems.append("\(oneLine(photo.path)): no face found")
                    continue
                }
                let chip = try aligner.align(image, landmarks: face.landmarks)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try ImageFile.encode(chip, to: target)
                tally.aligned += 1
            } catch {
                tally.failed += 1
                problems.append("\(oneLine(photo.path)): \(oneLine("\(error)"))")
            }
        }
        progress.finish()
        let report = (destination as NSString).appendingPathComponent("align-report.txt")
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
            try Data(problems.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: report))
        } catch {
            printError("cannot write \(oneLine(report)): \(oneLine(error.localizedDescription))")
            throw ExitCode(1)
        }
        print(tally.summary(report: report))
    }
}

/// The built-in templates `facewatch align` offers.
enum AlignmentTemplate: String, ExpressibleByArgument, CaseIterable {
    case arcface
    case dlib

    var faceTemplate: FaceTemplate {
        switch self {
        case .arcface: .arcFace112
        case .dlib: .dlib150
        }
    }
}

/// What became of a dataset's photos in one `facewatch align` run.
struct AlignmentTally: Equatable {
    var aligned = 0
    var kept = 0
    var faceless = 0
    var unreadable = 0
    var failed = 0

    func summary(report: String) -> String {
        var parts = ["aligned \(aligned)", "already there \(kept)", "no face \(faceless)", "unreadable \(unreadable)"]
        if failed > 0 { parts.append("failed \(failed)") }
        return parts.joined(separator: ", ") + "; report: \(report)"
    }
}
