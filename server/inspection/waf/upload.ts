import { type Rule } from "../rule";

/**
 * Uploads of server-side scripts and files the server treats as configuration: a header whose
 * value is a bare file name (X-Filename: a.php) or a multipart part's filename. Verdicts never
 * depend on the header's name (values are judged by kind and content; see verdict-cache.ts). Trailing
 * dots and spaces ("shell.php.", "a. php") are dropped by Windows and some frameworks, and a
 * second extension ("x.php.jpg") is run as PHP by misconfigured Apache handlers.
 */
const SCRIPT_NAME = /\.\s*(?:php\d?|phtml|pht|phar|phps|phpt|pgif|shtml?|jspx?|jspf|aspx?|asa|asmx|ashx|cer|cgi|pl)(?:[.\s]*$|\.[a-z0-9]{2,4}[.\s]*$)|(?:^|[\/\\])(?:\.htaccess|\.htpasswd|\.user\.ini|php\.ini|web\.config|wp-config\.\s*php|settings\.\s*php|config\.\s*php)[.\s]*$|(?:^|[\/\\])sess_[\w,-]{20,}$/;
// A header whose whole value is a file name (X-Filename: a.php): not a URL or a request path.
const BARE_FILE_NAME = /^(?![\/\\]|[a-z][\w+.-]*:\/\/)[^\s"'<>;=?&]+(?:\s+[^\s"'<>;=?&]+)?\s*$/;
const MULTIPART_FILENAME = /content-disposition:[^\n]*?\bfilename\s*=\s*"?([^"\n;]*)/g;

function scriptFileName(name: string): boolean {
  return SCRIPT_NAME.test(name.trim());
}

export const UPLOAD_RULES: Rule[] = [
  {
    rule_id: "rce-script-upload", category: "rce", paranoia: 1, kinds: new Set(["header", "body"]),
    description: "Upload of a server-side script or server configuration file (x.php, shell.jsp., .htaccess, web.config, sess_*)",
    test: (v) => {
      if (v.kind === "header") {
        return BARE_FILE_NAME.test(v.text) && scriptFileName(v.text) ? { index: 0, length: Math.min(80, v.text.length), score: 80 } : null;
      }
      if (!v.text.includes("filename")) return null;
      for (const m of v.text.matchAll(MULTIPART_FILENAME)) {
        if (scriptFileName(m[1] ?? "")) return { index: m.index, length: m[0].length, score: 80 };
      }
      return null;
    },
  },
];

/** Gate: a multipart body naming a file, or a short header value with a dot or a session-file name. */
export function mayNameUpload(v: { kind: string; text: string }): boolean {
  return v.kind === "header" ? v.text.length < 300 && (v.text.includes(".") || v.text.includes("sess_")) : v.text.includes("filename");
}
