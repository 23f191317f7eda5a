import Foundation
import NokoriSMB
import NokoriTestSupport
import SMB
import Testing

@Suite struct SMBCredentialsFileTests {
  @Test func readsSmbclientAuthenticationFiles() throws {
    let credentials = try SMBCredentialsFile.parse(
      "# nightly scan\nusername = scanner\npassword =  pass word \ndomain = CORP\n", path: "f")
    #expect(credentials == SMBAuthentication(domain: "CORP", user: "scanner", password: "pass word"))
    let slash = try SMBCredentialsFile.parse("username = CORP\\scanner\npassword = x\n", path: "f")
    #expect(slash.domain == "CORP" && slash.user == "scanner")
  }

  @Test func refusesBrokenFilesWithoutQuotingThem() {
    #expect(throws: SMBCredentialsError.noUser(path: "f")) { try SMBCredentialsFile.parse("password = s3cret\n", path: "f") }
    #expect(throws: SMBCredentialsError.malformed(path: "f", line: 2)) {
      try SMBCredentialsFile.parse("username = a\ns3cret\n", path: "f")
    }
    do {
      _ = try SMBCredentialsFile.parse("username = a\npasswd = s3cret\n", path: "f")
      Issue.record("an unknown key must be refused")
    } catch {
      #expect(!"\(error)".contains("s3cret"))
    }
  }

  @Test func aFileOthersCanReadIsRefused() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("cred").path
    _ = FileManager.default.createFile(atPath: path, contents: Data("username = a\npassword = s3cret\n".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: SMBCredentialsError.insecurePermissions(path: path, mode: "644")) {
      try SMBCredentialsFile.load(path: path)
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(try SMBCredentialsFile.load(path: path).user == "a")
    #expect(SMBCredentialsFile.resolvePath(explicit: nil, environment: ["NOKORI_SMB_CREDENTIALS": path]) == path)
    #expect(SMBCredentialsFile.resolvePath(explicit: "x", environment: ["NOKORI_SMB_CREDENTIALS": path]) == "x")
  }

  @Test func passwordsStayOutOfDescriptions() {
    let credentials = SMBAuthentication(domain: "CORP", user: "scanner", password: "s3cret")
    var dumped = ""
    dump(credentials, to: &dumped)
    #expect(!"\(credentials)".contains("s3cret") && !dumped.contains("s3cret") && !String(reflecting: credentials).contains("s3cret"))
  }

  @Test func aUserNamedInTheRootURLWinsForItsShare() {
    let settings = SMBSettings(credentials: SMBAuthentication(domain: "CORP", user: "scanner", password: "pw"))
    let logon = settings.logon(roots: ["smb://OTHER;audit@files/hr", "/local", "smb://files/sales"])
    #expect(logon.credentials("files", "HR") == SMBAuthentication(domain: "OTHER", user: "audit", password: "pw"))
    #expect(logon.credentials("files", "sales") == SMBAuthentication(domain: "CORP", user: "scanner", password: "pw"))
    #expect(!logon.useKerberos, "a credentials file means NTLM with its password")
    #expect(SMBSettings().useKerberos, "no credentials file: try a Kerberos ticket")
  }
}
