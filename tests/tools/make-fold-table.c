/* Prints the entries of src/core/fold_table.h (make-fold-table > entries; paste them between
 * the braces of fold_exceptions). The table holds: the code points, stable under NFKC, that
 * ICU's transliterator rules (SP_FOLD_RULES) fold differently from "Latin letters lose their
 * marks, then lower case" -- Latin-ASCII's own letters (ł ø đ ß æ œ þ ı ...) and the
 * punctuation it spells in ASCII. Not built by make: cc tests/tools/make-fold-table.c
 * $(pkg-config --cflags --libs icu-i18n icu-uc) -o make-fold-table */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
static const char RULES[] = "NFKC; Latin-ASCII; Any-Lower; [\\u064B-\\u065F\\u0670\\u0640] Remove; [\\u0027\\u2018\\u2019\\u02BC] Remove; NFC";
static const UNormalizer2 *nfkc, *nfd, *nfc;
/* candidate without table */
static int32_t cand(const UChar *src, int32_t ls, UChar *out, int32_t cap) {
  UErrorCode st=U_ZERO_ERROR; UChar a[256], c[256], d[256], f[256]; int32_t la, lc=0, ld, lf=0; UBool e=0;
  la=unorm2_normalize(nfkc,src,ls,a,256,&st);
  for(int32_t i=0;i<la;){UChar32 ch; U16_NEXT(a,i,la,ch);
    UErrorCode s2=U_ZERO_ERROR;
    if (uscript_getScript(ch,&s2)==USCRIPT_LATIN) {
      UChar dec[32]; int32_t ldec=unorm2_getDecomposition(nfd,ch,dec,32,&s2);
      if (ldec<=0){ U16_APPEND(c,lc,256,ch,e); continue; }
      for(int32_t j=0;j<ldec;){UChar32 x; U16_NEXT(dec,j,ldec,x); if(u_charType(x)!=U_NON_SPACING_MARK) U16_APPEND(c,lc,256,x,e);}
    } else U16_APPEND(c,lc,256,ch,e);
  }
  st=U_ZERO_ERROR; ld=u_strToLower(d,256,c,lc,"",&st);
  for(int32_t i=0;i<ld;i++){UChar x=d[i]; if((x>=0x64B&&x<=0x65F)||x==0x670||x==0x640||x==0x27||x==0x2018||x==0x2019||x==0x2BC) continue; f[lf++]=x;}
  st=U_ZERO_ERROR; return unorm2_normalize(nfc,f,lf,out,cap,&st);
}
int main(void){
  UErrorCode st=U_ZERO_ERROR; UChar id[256];
  u_strFromUTF8(id,256,NULL,RULES,-1,&st);
  UTransliterator *t=utrans_openU(id,-1,UTRANS_FORWARD,NULL,0,NULL,&st);
  nfkc=unorm2_getNFKCInstance(&st); nfd=unorm2_getNFDInstance(&st); nfc=unorm2_getNFCInstance(&st);
  for (UChar32 cp=0x80; cp<0x110000; cp++){
    if(!u_isdefined(cp) || (cp>=0xD800&&cp<0xE000)) continue;
    UChar src[4]; int32_t ls=0; UBool e=0; U16_APPEND(src,ls,4,cp,e);
    UChar k[64]; st=U_ZERO_ERROR; int32_t lk=unorm2_normalize(nfkc,src,ls,k,64,&st);
    if (lk!=ls || memcmp(k,src,ls*2)) continue; /* not NFKC-stable: its NFKC form is looked up */
    UChar buf[64]; int32_t len=ls; memcpy(buf,src,ls*2); int32_t lim=len; st=U_ZERO_ERROR;
    utrans_transUChars(t,buf,&len,64,0,&lim,&st);
    UChar g[256]; int32_t lg=cand(src,ls,g,256);
    if(lg!=len||memcmp(g,buf,len*2)){
      char o[256]; st=U_ZERO_ERROR; u_strToUTF8(o,256,NULL,buf,len,&st);
      printf("\t{ 0x%04X, \"", cp);
      int hex=0; for (char *p=o; *p; p++) { if (hex && ((*p>='0'&&*p<='9')||(*p>='a'&&*p<='f')||(*p>='A'&&*p<='F'))) printf("\" \""); hex=0; if (*p=='"'||*p=='\\') printf("\\%c",*p); else if ((unsigned char)*p<0x80) putchar(*p); else {printf("\\x%02X",(unsigned char)*p); hex=1;}} 
      printf("\" },\n");
    }
  }
}
