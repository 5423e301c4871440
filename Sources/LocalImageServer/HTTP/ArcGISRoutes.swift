import Hummingbird
import LayerOptions

/// The ArcGIS REST endpoints of the local Image Service (reference §0, §1.2, §7, §14), each
/// by GET and by form POST, path segments compared without regard to case:
///
/// | path | answer |
/// | --- | --- |
/// | `/arcgis/rest/services` | the catalog: `{"currentVersion":11.1,"folders":[],"services":[...]}` |
/// | `/arcgis/rest/info` | version, and `authInfo` (token URL) |
/// | `/arcgis/tokens/generateToken` (POST) | `{"token":...,"expires":...,"ssl":false}` |
/// | `/arcgis/rest/services/<name>/ImageServer[/]` | the service's metadata |
/// | `…/ImageServer/exportImage` | `f=image`: the image; `f=json`/`pjson`/none: `{href,width,height,extent,scale}` |
/// | `…/ImageServer/identify`, `…/ImageServer/query` | JSON |
/// | `/arcgis/rest/directories/arcgisoutput/<Name>_ImageServer/<file>` | an image an `f=json` export wrote |
///
/// Where ArcGIS would answer an HTML page (no `f`, or `f=html`) this server answers JSON,
/// as if `f=json` had been sent; it has no HTML pages. Errors are the ArcGIS envelope with
/// HTTP 200, as ArcGIS Server answers them, JSONP-wrapped when a `callback` was given.
struct ArcGISRoutes: Sendable {
    /// The `currentVersion` the server reports (ArcGIS Enterprise 11.1).
    static var currentVersion: JSONValue { 11.1 }

    let catalog: ImageServiceCatalog
    /// `nil` when the server is open to everyone.
    let tokens: TokenAuthority?
    let output: OutputDirectory

    /// Adds every route to `router`.
    func add(to router: Router<ImageServerRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            router.on("/arcgis/rest/services", method: method) { request, context in
                await answer(request, context, secured: true) { request in catalogJSON(request) }
            }
            router.on("/arcgis/rest/info", method: method) { request, context in
                await answer(request, context, secured: false) { request in infoJSON(request) }
            }
            router.on("/arcgis/rest/services/:name/:type", method: method) { request, context in
                await answer(request, context, secured: true) { arcgis in
                    let service = try findService(context.parameters.get("name") ?? "", type: context.parameters.get("type") ?? "")
                    try requireJSONFormat(arcgis, operation: "the service root")
                    return .json(service.metadata())
                }
            }
            router.on("/arcgis/rest/services/:name/:type/:operation", method: method) { request, context in
                await answer(request, context, secured: true) { arcgis in
                    try operation(
                        arcgis, name: context.parameters.get("name") ?? "", type: context.parameters.get("type") ?? "",
                        operation: context.parameters.get("operation") ?? "")
                }
            }
            router.on("/arcgis/rest/directories/arcgisoutput/:folder/:file", method: method) { request, context in
                await answer(request, context, secured: true) { _ in
                    let folder = context.parameters.get("folder") ?? "", file = context.parameters.get("file") ?? ""
                    guard let image = output.image(folder: folder, file: file) else {
                        return .notFound(
                            ArcGISError(
                                code: 404, message: "Output file \(folder)/\(file) not found.",
                                details: ["Exported images are kept for \(Int(output.lifetime / 60)) minutes."]))
                    }
                    return .image(image.bytes, contentType: image.contentType)
                }
            }
        }
        for path: RouterPath in ["/arcgis/tokens/generateToken", "/arcgis/tokens"] {
            router.on(path, method: .post) { request, context in
                await answer(request, context, secured: false) { arcgis in try await generateToken(arcgis) }
            }
            router.on(path, method: .get) { request, context in
                await answer(request, context, secured: false) { _ in
                    throw ArcGISError(
                        code: 400, message: "Unable to generate token.",
                        details: ["generateToken takes a POST, so that passwords stay out of URLs and logs."])
                }
            }
        }
    }

    // MARK: The answer of each endpoint

    /// What a route computed, before it becomes a response.
    enum Answer {
        case json(JSONValue)
        case image([UInt8], contentType: String)
        /// An envelope with HTTP 404 (only for output files, which browsers fetch as images).
        case notFound(ArcGISError)
    }

    /// Reads the request, checks the token when `secured` and the server has tokens, runs
    /// `body`, and turns its answer or its `ArcGISError` into a response.
    private func answer(
        _ request: Request, _ context: ImageServerRequestContext, secured: Bool,
        _ body: (ArcGISRequest) async throws -> Answer
    ) async -> Response {
        let arcgis: ArcGISRequest
        do {
            arcgis = try await ArcGISRequest.read(request, context: context)
        } catch let error as ArcGISRequest.ReadError {
            return JSONResponse.error(error.error, style: error.style)
        } catch {
            return ErrorEnvelopeMiddleware<ImageServerRequestContext>.response(for: error, request: request)
        }
        do {
            if secured, let tokens {
                guard let token = arcgis.token else {
                    throw ArcGISError(code: 499, message: "Token Required", details: [])
                }
                guard await tokens.check(token) == .valid else {
                    throw ArcGISError(code: 498, message: "Invalid token.", details: [])
                }
            }
            switch try await body(arcgis) {
            case .json(let value):
                return JSONResponse.make(value, style: arcgis.style)
            case .image(let bytes, let contentType):
                var headers: HTTPFields = [:]
                headers[.contentType] = contentType
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case .notFound(let error):
                return JSONResponse.error(error, style: arcgis.style, status: .notFound)
            }
        } catch let error as ArcGISError {
            return JSONResponse.error(error, style: arcgis.style)
        } catch {
            return ErrorEnvelopeMiddleware<ImageServerRequestContext>.response(for: error, request: request)
        }
    }

    private func catalogJSON(_ request: ArcGISRequest) -> Answer {
        let services = catalog.services.map { service -> JSONValue in
            ["name": .string(service.name), "type": "ImageServer"]
        }
        return .json(["currentVersion": Self.currentVersion, "folders": [], "services": .array(services)])
    }

    private func infoJSON(_ request: ArcGISRequest) -> Answer {
        let authInfo: JSONValue
        if tokens != nil {
            authInfo = [
                "isTokenBasedSecurity": true,
                "tokenServicesUrl": .string(request.baseURL + "/arcgis/tokens/generateToken"),
            ]
        } else {
            authInfo = ["isTokenBasedSecurity": false]
        }
        return .json(["currentVersion": Self.currentVersion, "fullVersion": "11.1.0", "authInfo": authInfo])
    }

    /// The service `name` (the catalog matches names without regard to case) when `type` is
    /// `ImageServer`; otherwise ArcGIS's 404 envelope, trailing space included.
    private func findService(_ name: String, type: String) throws(ArcGISError) -> LocalImageService {
        if type.lowercased() == "imageserver", let service = catalog.service(named: name) {
            return service
        }
        throw ArcGISError(code: 404, message: "Service \(name)/\(type) not found ", details: [])
    }

    /// Refuses an `f` other than json, pjson or html (answered as JSON).
    private func requireJSONFormat(_ request: ArcGISRequest, operation: String) throws(ArcGISError) {
        switch request.format {
        case nil, "json", "pjson", "html": return
        case let format?:
            throw ArcGISError(
                code: 400, message: "Unable to complete operation.",
                details: ["f=\(format) is not supported for \(operation); use f=json or f=pjson."])
        }
    }

    /// `exportImage`, `identify` or `query` of a service.
    private func operation(_ request: ArcGISRequest, name: String, type: String, operation: String) throws -> Answer {
        if type.lowercased() != "imageserver", operation.lowercased() == "imageserver" {
            // /services/<folder>/<name>/ImageServer: folders are not supported.
            throw ArcGISError(code: 404, message: "Service \(name)/\(type)/ImageServer not found ", details: [])
        }
        let service = try findService(name, type: type)
        switch operation.lowercased() {
        case "exportimage":
            return try exportImage(request, service: service)
        case "identify":
            try requireJSONFormat(request, operation: "identify")
            return .json(try service.identify(request.parameters))
        case "query":
            try requireJSONFormat(request, operation: "query")
            return .json(try service.query(request.parameters))
        default:
            throw ArcGISError(
                code: 400, message: "Unable to complete operation.",
                details: ["'\(operation)' is not an operation of \(service.name)/ImageServer; this server has exportImage, identify and query."])
        }
    }

    /// `f=image` streams the image; `f=json`, `pjson`, `html` or no `f` stores it in the
    /// output directory and answers `{href, width, height, extent, scale}`.
    ///
    /// The engine renders synchronously on the task's thread, one of Swift's cooperative
    /// threads (one per core): at most that many exports run at once and the rest wait, which
    /// bounds the memory that large exports take under load (BENCHMARKS.md).
    private func exportImage(_ request: ArcGISRequest, service: LocalImageService) throws -> Answer {
        switch request.format {
        case "image":
            let image = try service.exportImage(request.parameters)
            return .image(image.bytes, contentType: image.contentType)
        case nil, "json", "pjson", "html":
            let image = try service.exportImage(request.parameters)
            let path: String
            do {
                path = try output.store(image.bytes, service: service.name, fileExtension: image.fileExtension)
            } catch {
                throw ArcGISError(code: 500, message: "Error exporting image", details: ["The image could not be written to the output directory."])
            }
            return .json([
                "href": .string(request.baseURL + "/arcgis/rest/directories/arcgisoutput/" + path),
                "width": .number(Double(image.width)),
                "height": .number(Double(image.height)),
                "extent": image.extent,
                "scale": 0,
            ])
        case let format?:
            throw ArcGISError(
                code: 400, message: "Unable to complete operation.",
                details: ["f=\(format) is not supported for exportImage; use f=image, f=json or f=pjson."])
        }
    }

    /// `generateToken`: `username`, `password`, `expiration` (minutes); `client`, `referer`
    /// and `ip` are accepted and ignored.
    private func generateToken(_ request: ArcGISRequest) async throws -> Answer {
        guard let tokens else {
            throw ArcGISError(
                code: 400, message: "Unable to generate token.",
                details: ["This server is not secured; it needs no token (start it with --tokens FILE to require one)."])
        }
        guard let username = request.parameters["username"], let password = request.parameters["password"] else {
            throw ArcGISError(code: 400, message: "Unable to generate token.", details: ["'username' and 'password' must be specified."])
        }
        var minutes: Int? = nil
        if let expiration = request.parameters["expiration"] {
            guard let value = Int(expiration), value > 0 else {
                throw ArcGISError(
                    code: 400, message: "Unable to generate token.",
                    details: ["'expiration' must be a whole number of minutes greater than 0, not '\(expiration)'."])
            }
            minutes = value
        }
        guard let issued = await tokens.generate(username: username, password: password, minutes: minutes) else {
            throw ArcGISError(code: 400, message: "Unable to generate token.", details: ["Invalid username or password."])
        }
        return .json(["token": .string(issued.token), "expires": .number(Double(issued.expires)), "ssl": false])
    }
}
