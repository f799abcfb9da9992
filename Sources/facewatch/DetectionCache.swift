import FaceVision
import Foundation

/// The faces MTCNN found in images, kept in a file so that runs over the same images (`facewatch validate` on a
/// pairs file, `facewatch bench alignment`) detect each image once.
///
/// The file is JSON lines: first the detector settings, `{"detector":{"minFace":20,"thresholds":[0.6,0.7,0.7],
/// "factor":0.709,"retryThresholds":[0.4,0.5,0.7]}}`, then one line per image exactly as `facewatch detect
/// --json` prints it, keyed by the image path as the run spells it. A cache made with other settings is refused.
/// Images without a face are recorded too (an empty `faces` list). New lines are appended; nothing is rewritten.
struct DetectionCache: Sendable {
    let path: String
    let settings: DetectionSettings
    private(set) var faces: [String: [DetectedFace]]

    /// Reads the cache at `path`, or starts an empty one when there is no file yet.
    init(path: String, settings: DetectionSettings) throws(DetectionCacheError) {
        self.path = path
        self.settings = settings
        faces = [:]
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first.utf8)) else {
            if text.isEmpty { return }
            throw .missingHeader(path: path)
        }
        let cached = header.detector.settings
        guard cached == settings else {
            throw .settingsMismatch(path: path, cached: cached.optionsText, requested: settings.optionsText)
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let entry: Entry
            do {
                entry = try JSONDecoder().decode(Entry.self, from: Data(line.utf8))
            } catch {
                throw .malformedLine(path: path, line: index + 1, reason: "not a line of facewatch detect --json")
            }
            do {
                faces[entry.image] = try entry.faces.map { face throws(EntryError) in try face.detectedFace() }
            } catch {
                throw .malformedLine(path: path, line: index + 1, reason: error.reason)
            }
        }
    }

    /// The faces recorded for `image`, or nil when the cache has not seen it.
    func faces(in image: String) -> [DetectedFace]? {
        faces[image]
    }

    /// Appends the detections of new images (path, image size, faces), after the header when the file is new.
    mutating func append(_ detections: [(image: String, width: Int, height: Int, faces: [DetectedFace])]) throws(DetectionCacheError) {
        guard !detections.isEmpty else { return }
        var text = ""
        let isNew = !FileManager.default.fileExists(atPath: path)
            || ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
        if isNew { text += Header.line(settings) + "\n" }
        for detection in detections {
            text += DetectCommand.jsonLine(path: detection.image, width: detection.width, height: detection.height,
                                           faces: detection.faces) + "\n"
            faces[detection.image] = detection.faces
        }
        if isNew && !FileManager.default.createFile(atPath: path, contents: nil) {
            throw .unwritable(path: path, reason: "cannot create the file")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// The first line: the detector settings the cache's faces were found with.
    private struct Header: Codable {
        struct Settings: Codable {
            var minFace: Double
            var thresholds: [Double]
            var factor: Double
            var retryThresholds: [Double]?

            init(_ settings: DetectionSettings) {
                let options = settings.options
                minFace = options.minimumFaceSize
                thresholds = [options.thresholds.pnet, options.thresholds.rnet, options.thresholds.onet]
                factor = options.scaleFactor
                if let retry = settings.retry {
                    retryThresholds = [retry.thresholds.pnet, retry.thresholds.rnet, retry.thresholds.onet]
                }
            }

            var settings: DetectionSettings {
                func options(_ t: [Double]) -> MTCNNOptions {
                    let t = t.count == 3 ? t : [-1, -1, -1]
                    return MTCNNOptions(minimumFaceSize: minFace, scaleFactor: factor, thresholds: (t[0], t[1], t[2]))
                }
                var retry: MTCNNOptions?
                if let retryThresholds { retry = options(retryThresholds) }
                return DetectionSettings(options: options(thresholds), retry: retry)
            }
        }

        var detector: Settings

        static func line(_ settings: DetectionSettings) -> String {
            let header = Settings(settings)
            var fields = [
                ("minFace", "\(header.minFace)"),
                ("thresholds", JSONText.array(header.thresholds.map { "\($0)" })),
                ("factor", "\(header.factor)"),
            ]
            if let retry = header.retryThresholds { fields.append(("retryThresholds", JSONText.array(retry.map { "\($0)" }))) }
            return JSONText.object([("detector", JSONText.object(fields))])
        }
    }

    /// One image line of `facewatch detect --json`.
    private struct Entry: Decodable {
        struct Face: Decodable {
            var box: [Double]
            var score: Double
            var landmarks: [[Double]]

            func detectedFace() throws(EntryError) -> DetectedFace {
                guard box.count == 4 else { throw EntryError(reason: "a box has \(box.count) numbers, not 4") }
                guard landmarks.count == 5, landmarks.allSatisfy({ $0.count == 2 }) else {
                    throw EntryError(reason: "a face has \(landmarks.count) landmarks, not 5 points of 2 numbers")
                }
                return DetectedFace(
                    box: Box(x: box[0], y: box[1], width: box[2], height: box[3]), score: score,
                    landmarks: landmarks.map { Point2D(x: $0[0], y: $0[1]) })
            }
        }

        var image: String
        var faces: [Face]
    }

    private struct EntryError: Error {
        var reason: String
    }
}
