/* Pointing at the place in the input an error is about. The library's validation errors
 * carry a JSON path but no offset, and errors from decoding carry an offset; the input's
 * locator (gridtypes/locate.h, made when the input is read) turns either into
 * line:column, in linear total time however many problems are reported. */
#include "cli.h"

#include <string.h>

void cli_error_loc(const cli_input *in, const gt_error *e, cli_loc *loc)
{
    memset(loc, 0, sizeof *loc);
    if (in && in->locator) {
        gt_position pos;
        if (gt_locator_error(in->locator, e, &pos) != GT_OK)
            return;
        loc->known = true;
        loc->offset = pos.offset;
        loc->line = pos.line;
        loc->col = pos.column;
        return;
    }
    if (e->offset == GT_NO_OFFSET)
        return;
    /* no input text to count lines in: the offset alone */
    loc->known = true;
    loc->offset = e->offset;
    loc->line = 1;
    loc->col = 1;
}
