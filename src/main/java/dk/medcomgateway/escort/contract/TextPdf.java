package dk.medcomgateway.escort.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text document as a PDF: MedCom CareCommunication attachments must be PDF (or images),
 * and a form of a few dozen lines needs no PDF library. A4, Helvetica in WinAnsi encoding (so
 * Danish letters print), long lines wrapped, a new page every {@value #LINES_PER_PAGE} lines.
 */
final class TextPdf {

    private static final Charset WIN_ANSI = Charset.forName("windows-1252");
    private static final int LINES_PER_PAGE = 60;
    private static final int WRAP_AT = 95;

    private TextPdf() {
    }

    static byte[] of(List<String> text) {
        List<List<String>> pages = pages(wrap(text));
        List<byte[]> objects = new ArrayList<>();
        int firstPage = 4;
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            kids.append(firstPage + 2 * i).append(" 0 R ");
        }
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"));
        for (int i = 0; i < pages.size(); i++) {
            int content = firstPage + 2 * i + 1;
            objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                    + " /Contents " + content + " 0 R >>"));
            byte[] stream = content(pages.get(i));
            ByteArrayOutputStream object = new ByteArrayOutputStream();
            object.writeBytes(ascii("<< /Length " + stream.length + " >>\nstream\n"));
            object.writeBytes(stream);
            object.writeBytes(ascii("\nendstream"));
            objects.add(object.toByteArray());
        }
        return assemble(objects);
    }

    private static byte[] content(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("BT /F1 10 Tf 13 TL 50 800 Td\n"));
        for (String line : lines) {
            out.writeBytes(ascii("("));
            out.writeBytes(escape(line));
            out.writeBytes(ascii(") Tj T*\n"));
        }
        out.writeBytes(ascii("ET"));
        return out.toByteArray();
    }

    private static byte[] assemble(List<byte[]> objects) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(ascii("%PDF-1.4\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.size());
            pdf.writeBytes(ascii((i + 1) + " 0 obj\n"));
            pdf.writeBytes(objects.get(i));
            pdf.writeBytes(ascii("\nendobj\n"));
        }
        int xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        pdf.writeBytes(ascii(table.toString()));
        return pdf.toByteArray();
    }

    private static List<String> wrap(List<String> text) {
        List<String> lines = new ArrayList<>();
        for (String line : text) {
            String rest = line;
            while (rest.length() > WRAP_AT) {
                int cut = rest.lastIndexOf(' ', WRAP_AT);
                cut = cut <= 0 ? WRAP_AT : cut;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }

    private static List<List<String>> pages(List<String> lines) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += LINES_PER_PAGE) {
            pages.add(lines.subList(i, Math.min(lines.size(), i + LINES_PER_PAGE)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }

    /** Text in WinAnsi, with PDF string delimiters escaped; what WinAnsi cannot hold becomes '?'. */
    private static byte[] escape(String line) {
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").getBytes(WIN_ANSI);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
