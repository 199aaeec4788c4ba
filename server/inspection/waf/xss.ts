import { regexRule, WAF_KINDS, type Rule } from "../rule";

/**
 * Cross-site scripting: markup or script that a browser would execute if the value were
 * reflected. JavaScript URIs are checked on a copy with whitespace removed, because browsers
 * ignore tabs and newlines inside the scheme ("java\tscript:").
 */
// data: URIs that render as a document or script (html, xhtml, xml, svg, javascript, flash), or
// whose payload carries markup ("data:,<x>", "data:text/plain,<b onclick=...>").
const JS_URI = /(?:java|vb|live|ecma)script:|mocha:|data:text\/html|data:image\/svg\+xml|data:[^,]{0,40};base64,phn|data:(?:application\/(?:xhtml\+xml|xml|javascript|ecmascript|x-javascript|x-shockwave-flash)|text\/(?:xml|javascript|ecmascript|xsl))[;,]|(?<![a-z])data:(?:[a-z]+\/[\w.+-]+)?(?:;[\w=.-]*)*,[^<>]{0,200}<[a-z!\/]/;

// DOM event names (HTML, SVG, media, pointer, IE legacy): a value that is only "onerror" or
// "onmouseover" probes which attribute a page reflects.
const EVENTS = "abort|activate|afterprint|afterscriptexecute|afterupdate|animationcancel|animationend|animationiteration|animationstart|auxclick|beforeactivate|beforecopy|beforecut|beforedeactivate|beforeeditfocus|beforeinput|beforepaste|beforeprint|beforeunload|beforeupdate|begin|blur|bounce|canplay|canplaythrough|cellchange|change|click|close|contextmenu|controlselect|copy|cuechange|cut|dataavailable|datasetchanged|datasetcomplete|dblclick|deactivate|drag|dragdrop|dragend|dragenter|dragexit|dragleave|dragover|dragstart|drop|durationchange|emptied|end|ended|error|errorupdate|filterchange|finish|focus|focusin|focusout|formdata|fullscreenchange|hashchange|help|input|invalid|keydown|keypress|keyup|layoutcomplete|load|loadeddata|loadedmetadata|loadend|loadstart|losecapture|mediacomplete|mediaerror|message|mousedown|mouseenter|mouseleave|mousemove|mouseout|mouseover|mouseup|mousewheel|move|moveend|movestart|offline|online|outofsync|pagehide|pageshow|paste|pause|play|playing|pointercancel|pointerdown|pointerenter|pointerleave|pointermove|pointerout|pointerover|pointerrawupdate|pointerup|popstate|progress|propertychange|ratechange|readystatechange|redo|repeat|reset|resize|resizeend|resizestart|resume|reverse|rowdelete|rowenter|rowexit|rowinserted|rowsdelete|rowsinserted|scroll|scrollend|search|seek|seeked|seeking|select|selectionchange|selectstart|stalled|start|stop|storage|submit|suspend|syncrestored|timeerror|timeupdate|toggle|touchcancel|touchend|touchmove|touchstart|trackchange|transitioncancel|transitionend|transitionrun|transitionstart|undo|unhandledrejection|unload|urlflip|volumechange|waiting|webkitanimationend|webkitanimationiteration|webkitanimationstart|webkittransitionend|wheel|zoom";
// More real events (visibility, pointer lock, permissions, device sensors, popovers), and the
// vendor-prefixed and family-named ones (onwebkit*, onmoz*, onms*, onpointer*, ontouch*,
// onanimation*, ontransition*, ondevice*) that browsers keep adding.
const MORE_EVENTS = "beforescriptexecute|beforetoggle|beforematch|contentvisibilityautostatechange|show|securitypolicyviolation|slotchange|pointerlockchange|pointerlockerror|visibilitychange|messageerror|rejectionhandled|languagechange|appinstalled|beforeinstallprompt|gotpointercapture|lostpointercapture|command|scrollend|scrollsnapchange|scrollsnapchanging|pagereveal|pageswap|webglcontextlost|webglcontextrestored|enterpictureinpicture|leavepictureinpicture|compositionstart|compositionupdate|compositionend|(?:webkit|moz|ms)[a-z]{4,}|(?:pointer|touch|animation|transition|device)[a-z]{3,}";
const HANDLER_NAME = new RegExp(`^\\s*on(?:${EVENTS}|${MORE_EVENTS})\\s*=?\\s*$`);
const JS_SINK = /\b(?:alert|prompt|confirm|eval|settimeout|setinterval|fromcharcode|atob|btoa)(?:[(`]|\s+\()|\(\s*(?:alert|prompt|confirm|eval)\s*\)|\b(?:window|document|top|self|parent|globalthis|frames)\s*\[\s*['"`]|document\s*\.\s*(?:cookie|write|domain|location)|\bdocument\s*\.\s*(?:queryselector(?:all)?|getelementby\w+)\s*\(|\[\s*["'`](?:cookie|domain|innerhtml|outerhtml)["'`]\s*\]|\b(?:call|apply|bind)\s*\x60|\$\{\s*(?:alert|prompt|confirm|eval)\s*\}|\bwindow\s*\.\s*location|\.innerhtml\s*=|\btop\s*\[|\bself\s*\[|=\s*(?:alert|prompt|confirm|eval)\s*[,;]|script(?:alert|prompt|confirm|eval)\s*\(/;

// A value that is nothing but an encoded angle bracket (&#60, &#x003c;, &lt, \u003c, \x3c): a
// filter probe asking which encodings of '<' come back unescaped. Read on the raw value (after URL
// decoding), so a plain "<" typed by a user is not one.
const ENCODED_BRACKET = /^\s*(?:&(?:#0*6[02]|#x0*3[ce]|lt|gt);?|\\(?:u0*3[ce]|x3[ce]|0?7[46])|%u0*3[ce])+\s*$/i;
// Tag names CRS-style filters look for, written with junk between the letters ("<f o r m",
// "<s c r i p t") or behind a namespace prefix ("< x: script"); browsers of the IE era and XML
// parsers accept some of these spellings.
const SPACED_TAG_NAMES = new Set(["script", "form", "style", "svg", "iframe", "frame", "object", "embed", "applet", "base", "body", "meta", "link", "img", "image", "video", "audio", "marquee", "animate", "param", "input", "button", "textarea", "bindings", "handler"]);
const SPACED_TAG = /<[\s\/]*(?:[a-z][\w-]*:\s*)?((?:[a-z][^\w<>]{1,3}){2,9}[a-z])(?![\w])/g;
const NAMESPACED_TAG = /<\s*[a-z][\w-]*\s*:\s*(?:script|form|style|svg|iframe|frame|object|embed|applet|base|body|meta|link|img|image|video|audio|marquee|animate|set|param|input|button|textarea|bindings|handler)(?![\w-])/;

function spacedTag(text: string): { index: number; length: number; score: number } | null {
  if (!text.includes("<")) return null;
  const ns = NAMESPACED_TAG.exec(text);
  if (ns) return { index: ns.index, length: ns[0].length, score: 75 };
  SPACED_TAG.lastIndex = 0;
  for (const m of text.matchAll(SPACED_TAG)) {
    if (SPACED_TAG_NAMES.has((m[1] ?? "").replace(/[^a-z]/g, ""))) return { index: m.index, length: m[0].length, score: 75 };
  }
  return null;
}

export const XSS_RULES: Rule[] = [
  {
    rule_id: "xss-encoded-bracket-probe", category: "xss", paranoia: 1, kinds: WAF_KINDS,
    description: "Value is only an encoded angle bracket (&#60, &#x003c;, &lt, \\u003c): a probe for which encodings come back unescaped",
    test: (v) => {
      if (v.raw.length > 64 || !/[&\\%]/.test(v.raw)) return null;
      const m = ENCODED_BRACKET.exec(v.raw);
      return m ? { index: 0, length: v.raw.length, score: 60 } : null;
    },
  },
  {
    rule_id: "xss-spaced-tag", category: "xss", paranoia: 1, kinds: WAF_KINDS,
    description: "Active tag name spelt with junk between its letters or behind a namespace prefix (<f o r m, <s%0ccript, < x: script)",
    test: (v) => spacedTag(v.text),
  },
  regexRule("xss-media-source", "xss", 1, 70, "Image or media element with a source attribute (<img src=..., <video poster=...): markup that fetches a URL when reflected",
    /<\s*(?:img|image|video|audio|source|track|bgsound|input)\b[^<>]*?[\s\/"'](?:src|lowsrc|dynsrc|poster|background)\s*=/),
  regexRule("xss-script-tag", "xss", 1, 95, "<script> element", /<\/?script\b|<\s*script[\s\/>]/),
  regexRule("xss-event-handler", "xss", 1, 90, "HTML tag or attribute break-out with an on* event handler",
    /(?:<[a-z][^>]*?|["'`\/]\s*)[\s\/"'`]on[a-z]{3,}\s*=|<[a-z][a-z0-9]*[\s\/+]+on[a-z]{3,}\s*=|<\s*["'`\/]\s*on[a-z]{3,}\s*=/),
  // '+' may arrive as a space (form decoding of an unencoded '+'): "(![] [])[ ! []]".
  regexRule("xss-jsfuck", "xss", 1, 85, "JSFuck-style JavaScript built from []()!+ only", /\(\s*!\s*\[\s*\]\s*\+\s*\[\s*\]\s*\)|\[\s*\+\s*!\s*\+\s*\[\s*\]\s*\]|!\s*\+\s*\[\s*\]\s*\+\s*!\s*\+\s*\[\s*\]|\(\s*!\s*\[\s*\][+\s]+\[\s*\]\s*\)\s*\[[+\s]*![+\s]*\[\s*\]\s*\]/),
  {
    rule_id: "xss-js-uri", category: "xss", paranoia: 1, kinds: WAF_KINDS,
    description: "javascript:, vbscript: or HTML data: URI",
    test: (v) => {
      if (!v.text.includes(":")) return null;
      const compact = v.text.replace(/[\s\u0000-\u001f]+/g, "");
      const m = JS_URI.exec(compact);
      return m ? { index: 0, length: Math.min(80, v.text.length), score: 90 } : null;
    },
  },
  regexRule("xss-embedding-tag", "xss", 1, 85, "Tags that load or embed active content (iframe, object, embed, svg, base, meta, ...)",
    /<\s*\/?\s*(?:iframe|frame|frameset|object|embed|applet|base|meta|link|svg|math|isindex|import|xml|xss|layer|ilayer|bgsound|marquee|animate|set|handler|listener)\b/),
  regexRule("xss-css-expression", "xss", 1, 85, "CSS expression(), behavior, -moz-binding or @import",
    /expression\s*\(|-moz-binding|behaviou?r\s*:|@import\b|url\s*\(\s*['"]?\s*(?:java|vb)script|<\?(?:import|xml-stylesheet|xml:namespace)|background(?:-image)?\s*:\s*url\s*\(\s*['"]?\s*(?:java|vb)script/),
  regexRule("xss-quote-breakout", "xss", 1, 85, "Attribute or string break-out into a new tag (\"><img, '><svg)",
    /["'`]\s*\/?>\s*<\s*[a-z!\/]/),
  {
    rule_id: "xss-js-call", category: "xss", paranoia: 1, kinds: WAF_KINDS,
    description: "Direct call of a JavaScript sink (alert(, eval(, String.fromCharCode(...), also with comments between tokens",
    test: (v) => {
      let m = JS_SINK.exec(v.text);
      if (!m && v.text.includes("/*")) m = JS_SINK.exec(v.text.replace(/\/\*[\s\S]*?\*\/|\s+/g, ""));
      return m ? { index: Math.min(m.index, v.text.length), length: m[0].length, score: 75 } : null;
    },
  },
  regexRule("xss-js-string-breakout", "xss", 1, 80, "JavaScript string break-out (\";alert(1)//)",
    /["'`]\s*[;,)+-]\s*(?:alert|prompt|confirm|eval|document|window|location|throw|new\s+function)\b/),
  regexRule("xss-structural-tag", "xss", 1, 65, "Markup that restructures or hijacks a page (<style>, <form>, <input>, <textarea>, </body>, <!--, <![endif]>), never needed in plain-text fields",
    /<\s*\/?\s*(?:style|form|input|button|textarea|select|html|head|body|title|base|meta|link|frameset|xmp|plaintext|listing|noscript|template|keygen|isindex)\b[^<>]*>|<!--|<!\[(?:cdata|if|endif)\b/),
  regexRule("xss-event-handler-name", "xss", 1, 60, "Value is a bare DOM event handler name or a quoted handler assignment (onerror, \"onzoom=)",
    HANDLER_NAME),
  regexRule("xss-handler-breakout", "xss", 1, 80, "Quote or leading whitespace followed by an on* handler assignment (\"onzoom=, '  onfocus=)",
    /["'`]on[a-z]{3,}\s*=|^\s+on[a-z]{3,}\s*=/),
  regexRule("xss-charset-evasion", "xss", 1, 85, "Markup spelled in UTF-7 (+ADw-script+AD4-) or as US-ASCII high-bit characters (\u00bcscript\u00be)",
    /\+ad[w4]-|1\/4\/?[a-z]{1,10}3\/4[\s\S]{0,200}?1\/4\/[a-z]{1,10}3\/4|1\/4(?:script|img|svg|iframe|body)\b/),
  regexRule("xss-dangerous-attribute", "xss", 1, 75, "Tag with an attribute that loads or binds code (style with url()/expression/binding, datasrc, formaction, srcdoc, xlink:href)",
    /<[a-z][^>]*?[\s\/"'](?:style\s*=[^>]*?(?:url\s*\(|expression|binding|behaviou?r|@import|javascript:)|(?:datasrc|datafld|dataformatas|formaction|srcdoc|xlink:href)\b)/),
  regexRule("xss-svg-element", "xss", 1, 70, "SVG/XSLT element with attributes (<image xmlns:xlink=, <rect style=, <path d=, <stylesheet xmlns=) or a DTD declaration (<!ATTLIST, <!ENTITY)",
    /<\s*(?:rect|path|circle|ellipse|polygon|polyline|image|use|feimage|foreignobject|stylesheet|xsl:[a-z-]+|animatetransform|animatemotion|textpath|tspan|mpath|handler)\s+[a-z][\w:-]*\s*=|<!\s*(?:attlist|entity|element|doctype)\b|<\s*v:(?:vmlframe|image|imagedata|shape|fill|rect|roundrect|oval)\b/),
  regexRule("xss-comment-close-probe", "xss", 2, 50, "Value is an HTML comment terminator (-->, --!>): probes for comment break-out", /^\s*--!?>\s*$/),
  regexRule("xss-tag-with-attribute", "xss", 2, 60, "HTML start tag carrying src/href/style/action attributes",
    /<[a-z][a-z0-9-]*[\s\/][^>]*\b(?:src|href|style|action|formaction|background|dynsrc|lowsrc|data|poster|srcdoc|xlink:href)\s*=/),
  regexRule("xss-html-element", "xss", 2, 60, "Markup for a known HTML element or an HTML comment/CDATA in a parameter",
    /<\s*\/?\s*(?:html|head|body|title|style|script|input|form|button|textarea|select|option|label|a|div|span|p|b|i|u|img|image|table|tr|td|th|ul|ol|li|h[1-6]|br|hr|font|center|marquee|video|audio|source|track|canvas|details|summary|dialog|template|slot|noscript|xmp|plaintext|listing|frame|iframe|object|embed|param|applet|base|meta|link|svg|math|path|rect|circle|feimage|foreignobject|animate|set|use|stylesheet|xsl|x)\b[^>]*>?|<!--|<!\[cdata\[|\]\]>/),
  regexRule("xss-any-tag", "xss", 3, 40, "Any HTML start or end tag", /<\s*\/?[a-z][a-z0-9-]*(?:[\s\/>]|$)/),
];
