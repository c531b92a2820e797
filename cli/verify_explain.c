/* What `gridtypes verify` adds to a refused signature: the library's explanation
 * (gt_verify_explain), in words or as JSON. */
#include "cli.h"

void cli_explanation_text(const gt_verify_explanation *x)
{
    printf("  hash checked: %s (the node verifies %s of it)\n", x->checked_hash,
           x->expected_form == GT_MESSAGE_WRAPPED_HASH ? "'<Bytes>' + hex + '</Bytes>'" : "the 16 raw bytes");
    if (x->finding == GT_FINDING_NOT_SIGNATURE)
        return;
    printf("  %s: %s\n", x->finding == GT_FINDING_NONE ? "not found" : "found", x->text);
}

void cli_explanation_json(jw *w, const gt_verify_explanation *x)
{
    jw_key(w, "checked_hash");
    jw_str(w, x->checked_hash);
    jw_key(w, "expected_message");
    jw_str(w, gt_message_form_name(x->expected_form));
    jw_key(w, "finding");
    jw_obj(w);
    jw_key(w, "code");
    jw_str(w, x->code);
    jw_key(w, "text");
    jw_str(w, x->text);
    jw_key(w, "tried");
    jw_u64(w, x->tried);
    if (x->finding >= GT_FINDING_OTHER_FORM) {
        jw_key(w, "message");
        jw_str(w, gt_message_form_name(x->form));
        jw_key(w, "key_type");
        jw_str(w, gt_key_type_name(x->key_type));
        jw_key(w, "key_twin");
        jw_u64(w, x->key_twin);
        jw_key(w, "signed_hash");
        jw_str(w, x->signed_hash[0] ? x->signed_hash : NULL);
        jw_key(w, "divergences");
        jw_arr(w);
        for (size_t i = 0; i < x->divergence.nentries; i++)
            jw_str(w, gt_divergence_get(x->divergence.entries[i])->name);
        jw_arr_end(w);
        jw_key(w, "field");
        jw_str(w, x->divergence.field[0] ? x->divergence.field : NULL);
    }
    jw_obj_end(w);
}
